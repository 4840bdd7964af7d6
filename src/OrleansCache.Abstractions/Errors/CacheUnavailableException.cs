namespace OrleansCache.Errors;

/// <summary>
/// The request could not be served now, for a reason outside the request itself: grain storage is
/// down, no silo answers, or the answer did not come in time. The same request may succeed when
/// retried. For a write it is not known whether it took effect (it was not acknowledged): read it
/// back with <c>ReadConsistency.Strong</c>, or retry with an expected version.
/// </summary>
[GenerateSerializer, Alias("oc.CacheUnavailableException")]
public abstract class CacheUnavailableException : OrleansCacheException
{
    /// <summary>Creates the error.</summary>
    protected CacheUnavailableException(string identifier, string message, string cause)
        : base(identifier, message)
    {
        Cause = cause;
    }

    /// <summary>What went wrong underneath, in words (for example the Redis error), without secrets.</summary>
    [Id(0)]
    public string Cause { get; private set; }

    /// <summary>"Type: first line of message" of <paramref name="exception"/>, for <see cref="Cause"/>: the type name travels, the type does not.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.Message;
        var end = message.IndexOfAny(['\r', '\n']);
        return $"{exception.GetType().Name}: {(end < 0 ? message : message[..end])}";
    }
}
