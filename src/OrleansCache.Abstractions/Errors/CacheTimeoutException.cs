namespace OrleansCache.Errors;

/// <summary>
/// No answer came within the client's bound (<c>OrleansCache:Client:ReadTimeout</c> or
/// <c>WriteTimeout</c>). The client stopped waiting; a write may still complete.
/// </summary>
[GenerateSerializer, Alias("oc.CacheTimeoutException")]
public sealed class CacheTimeoutException : CacheUnavailableException
{
    /// <summary>Creates the error.</summary>
    public CacheTimeoutException(string identifier, TimeSpan timeout)
        : base(identifier, $"No answer for '{identifier}' within {timeout.TotalSeconds:0.###} s. Retry later.", $"timed out after {timeout}")
    {
        Timeout = timeout;
    }

    /// <summary>How long the client waited.</summary>
    [Id(0)]
    public TimeSpan Timeout { get; private set; }
}
