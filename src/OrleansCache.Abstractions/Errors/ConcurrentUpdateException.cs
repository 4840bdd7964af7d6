namespace OrleansCache.Errors;

/// <summary>
/// A write carried an expected version that did not match the entity's current version (another
/// writer got there first). Nothing was changed; reload and retry.
/// </summary>
[GenerateSerializer, Alias("oc.ConcurrentUpdateException")]
public sealed class ConcurrentUpdateException : OrleansCacheException
{
    /// <summary>Creates the error.</summary>
    public ConcurrentUpdateException(string identifier, long expectedVersion, long actualVersion)
        : base(identifier, $"'{identifier}' is at version {actualVersion}, not the expected {expectedVersion}.")
    {
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>The version the writer expected.</summary>
    [Id(0)]
    public long ExpectedVersion { get; private set; }

    /// <summary>The entity's version when the write was refused.</summary>
    [Id(1)]
    public long ActualVersion { get; private set; }
}
