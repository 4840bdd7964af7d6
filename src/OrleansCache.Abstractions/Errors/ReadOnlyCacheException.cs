namespace OrleansCache.Errors;

/// <summary>
/// A client tried to write while the cache fronts an origin (origin mode): the origin is the only
/// writer. Nothing was changed; write through the origin (for Gravitino, its API) and the change
/// reaches the cache from the origin's change feed.
/// </summary>
[GenerateSerializer, Alias("oc.ReadOnlyCacheException")]
public sealed class ReadOnlyCacheException : OrleansCacheException
{
    /// <summary>Creates the error.</summary>
    public ReadOnlyCacheException(string identifier, string operation, string origin)
        : base(identifier, $"cannot {operation} '{identifier}': this cache fronts {origin}, which is the only writer; make the change there and it reaches the cache from the origin's change feed.")
    {
        Operation = operation;
        Origin = origin;
    }

    /// <summary>The refused operation (create, alter, drop).</summary>
    [Id(0)]
    public string Operation { get; private set; }

    /// <summary>The origin that owns writes.</summary>
    [Id(1)]
    public string Origin { get; private set; }
}
