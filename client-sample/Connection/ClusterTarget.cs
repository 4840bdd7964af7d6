using OrleansCache.ClientSample.Input;
using StackExchange.Redis;

namespace OrleansCache.ClientSample.Connection;

/// <summary>
/// Where the cluster is: a localhost gateway (the embedded silo) or Redis clustering, plus the
/// cluster and service ids both sides must share.
/// </summary>
internal sealed record ClusterTarget
{
    /// <summary>The gateway port, for localhost clustering.</summary>
    public required int GatewayPort { get; init; }

    /// <summary>The Redis connection string; null for localhost clustering.</summary>
    public string? RedisConnectionString { get; init; }

    /// <summary>The Orleans cluster id.</summary>
    public required string ClusterId { get; init; }

    /// <summary>The Orleans service id.</summary>
    public required string ServiceId { get; init; }

    /// <summary>How long to keep trying to reach the cluster before giving up.</summary>
    public required TimeSpan ConnectTimeout { get; init; }

    /// <summary>True to let the client's own logs through (information and up).</summary>
    public bool Verbose { get; init; }

    /// <summary>True when membership is read from Redis rather than a fixed localhost gateway.</summary>
    public bool UsesRedis => RedisConnectionString is not null;

    /// <summary>Checks what can be checked before connecting.</summary>
    /// <exception cref="UsageException">A setting is out of range or the Redis connection string does not parse.</exception>
    public void Validate()
    {
        if (GatewayPort is < 1 or > 65535)
        {
            throw new UsageException($"--gateway is {GatewayPort}; accepted: 1 to 65535.");
        }

        if (string.IsNullOrWhiteSpace(ClusterId) || string.IsNullOrWhiteSpace(ServiceId))
        {
            throw new UsageException("--cluster-id and --service-id must not be blank.");
        }

        if (ConnectTimeout <= TimeSpan.Zero)
        {
            throw new UsageException("--connect-timeout must be more than 0 seconds.");
        }

        if (RedisConnectionString is not null)
        {
            _ = RedisEndpoints();
        }
    }

    /// <summary>
    /// Where the cluster is, for messages: the gateway port, or the Redis endpoints (never the whole
    /// connection string, which may hold a password).
    /// </summary>
    public string Describe() => UsesRedis
        ? $"cluster '{ClusterId}' (service '{ServiceId}') through Redis at {RedisEndpoints()}"
        : $"the cluster at gateway {GatewayPort}";

    /// <summary>What to tell a person who cannot connect, with the likely cause.</summary>
    public string UnreachableMessage() => UsesRedis
        ? $"could not connect to {Describe()}: are Redis and at least one silo in Redis mode with the same cluster and service ids running?"
        : $"could not connect to {Describe()}: is the silo running? (dotnet run --project silo)";

    private string RedisEndpoints()
    {
        try
        {
            var parsed = ConfigurationOptions.Parse(RedisConnectionString!);
            return parsed.EndPoints.Count == 0
                ? throw new UsageException("--redis names no endpoint; expected 'host:port[,option=value...]'.")
                : string.Join(", ", parsed.EndPoints.Select(Describe));
        }
        catch (ArgumentException exception)
        {
            throw new UsageException($"--redis is not a valid StackExchange.Redis connection string: {exception.Message}", exception);
        }
    }

    // DnsEndPoint.ToString() prefixes the address family ("Unspecified/localhost:6379").
    private static string Describe(System.Net.EndPoint endpoint) => endpoint switch
    {
        System.Net.DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        _ => endpoint.ToString() ?? string.Empty,
    };
}
