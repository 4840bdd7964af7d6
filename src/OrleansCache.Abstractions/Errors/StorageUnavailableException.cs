namespace OrleansCache.Errors;

/// <summary>
/// Grain storage (Redis) failed or did not answer within the configured bound
/// (<c>OrleansCache:Entities:StorageTimeout</c>). A write that fails so was not acknowledged; it may
/// still reach storage, in which case every later read returns it. A read of an entity that is not
/// in silo memory fails so while storage is down.
/// </summary>
[GenerateSerializer, Alias("oc.StorageUnavailableException")]
public sealed class StorageUnavailableException : CacheUnavailableException
{
    /// <summary>Creates the error.</summary>
    /// <param name="identifier">The entity.</param>
    /// <param name="operation">What was being done: <c>write</c> or <c>read</c>.</param>
    /// <param name="cause">What storage said (see <see cref="CacheUnavailableException.Describe"/>).</param>
    public StorageUnavailableException(string identifier, string operation, string cause)
        : base(identifier, $"Grain storage is unavailable: the {operation} of '{identifier}' failed ({cause}). Retry later.", cause)
    {
        Operation = operation;
    }

    /// <summary><c>write</c> or <c>read</c>.</summary>
    [Id(0)]
    public string Operation { get; private set; }
}
