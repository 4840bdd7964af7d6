namespace OrleansCache.Errors;

/// <summary>
/// The cache had to read from its origin (a miss, or a list) and the origin did not answer. Entities
/// the cache holds are still served; retry the read once the origin is back.
/// </summary>
[GenerateSerializer, Alias("oc.OriginUnavailableException")]
public sealed class OriginUnavailableException : OrleansCacheException
{
    /// <summary>Creates the error.</summary>
    public OriginUnavailableException(string identifier, string origin, string reason)
        : base(identifier, $"'{identifier}' is not cached and its origin {origin} cannot be read: {reason}")
    {
        Origin = origin;
        Reason = reason;
    }

    /// <summary>The origin that did not answer.</summary>
    [Id(0)]
    public string Origin { get; private set; }

    /// <summary>What went wrong, as reported by the origin's client.</summary>
    [Id(1)]
    public string Reason { get; private set; }
}
