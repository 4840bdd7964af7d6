namespace OrleansCache.Client.Providers;

/// <summary>
/// How a service finds the OrleansCache cluster (configuration section
/// <c>OrleansCache:Client:Cluster</c>): Redis clustering (the silos' membership table in Redis), or
/// fixed gateway endpoints. With neither set, the embedded silo's gateway on this machine
/// (<c>localhost:30000</c>). The ids must match the silos' <c>OrleansCache:ClusterId</c> and
/// <c>OrleansCache:ServiceId</c>.
/// </summary>
public sealed class ClusterConnectionOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "OrleansCache:Client:Cluster";

    /// <summary>The gateway port of the embedded silo, used when nothing else is configured.</summary>
    public const int EmbeddedGatewayPort = 30000;

    /// <summary>The Orleans cluster id. Default <c>orleanscache</c>, as the silo's.</summary>
    public string ClusterId { get; set; } = "orleanscache";

    /// <summary>The Orleans service id. Default <c>orleanscache</c>, as the silo's.</summary>
    public string ServiceId { get; set; } = "orleanscache";

    /// <summary>
    /// A StackExchange.Redis connection string (<c>redis:6379,password=…</c>) of the Redis holding the
    /// silos' membership: the client finds every live gateway there. Not with <see cref="Gateways"/>.
    /// </summary>
    public string? RedisConnectionString { get; set; }

    /// <summary>Fixed gateway endpoints, <c>host:port</c> each. Not with <see cref="RedisConnectionString"/>.</summary>
    public List<string> Gateways { get; set; } = [];

    /// <summary>
    /// How long the client keeps trying to reach a silo when its host starts; past it, start-up fails
    /// with one <c>ClusterUnavailableException</c> naming the gateways. Default 30 s; 1 s to 10 min.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
