namespace OrleansCache.Grains.Providers;

/// <summary>Where the silo keeps state and finds its peers.</summary>
public enum StorageMode
{
    /// <summary>
    /// Nothing outside the process: localhost clustering and in-memory grain storage. Data is lost
    /// when the silo stops. For a laptop, demos and tests.
    /// </summary>
    Embedded = 0,

    /// <summary>Redis clustering and Redis grain storage (the durable L2), from one connection setting.</summary>
    Redis = 1,
}

/// <summary>The silo's settings (configuration section <c>OrleansCache</c>).</summary>
public sealed class OrleansCacheSiloOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "OrleansCache";

    /// <summary><c>Embedded</c> (default) or <c>Redis</c>.</summary>
    public StorageMode Mode { get; set; } = StorageMode.Embedded;

    /// <summary>The StackExchange.Redis connection string; required in Redis mode (<c>OrleansCache:Redis:ConnectionString</c>).</summary>
    public RedisSettings Redis { get; set; } = new();

    /// <summary>The Orleans cluster id; silos and clients of one cluster share it. Default <c>orleanscache</c>.</summary>
    public string ClusterId { get; set; } = "orleanscache";

    /// <summary>The Orleans service id; it is part of every storage key, so never change it for live data. Default <c>orleanscache</c>.</summary>
    public string ServiceId { get; set; } = "orleanscache";

    /// <summary>The silo-to-silo port. Default 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port clients connect to. Default 30000.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo at (Redis mode); default: the machine's first non-loopback address.</summary>
    public string? AdvertisedIPAddress { get; set; }

    /// <summary>
    /// True allows, in Redis mode, a gateway that listens on every address without requiring mutual
    /// TLS: anyone who reaches the port can then create and drop entities. Default false: such a silo
    /// refuses to start (exit code 2) and says how to turn on TLS. When allowed, the silo logs an
    /// <c>INSECURE GATEWAY</c> warning at every start. A silo advertised at a loopback address listens
    /// on loopback only and needs neither.
    /// </summary>
    public bool AllowInsecureGateway { get; set; }

    /// <summary>
    /// True (on Kubernetes only): the silo host uses Orleans' Kubernetes hosting, which takes the
    /// silo name, address and cluster ids from the pod and tells the cluster at once when a silo's
    /// pod is gone, rather than after missed probes. Needs the pod-reading RBAC in
    /// deploy/kubernetes. Default false.
    /// </summary>
    public bool KubernetesHosting { get; set; }

    /// <summary>Orleans' grain collection quantum (its default): <see cref="GrainCollectionAge"/> must be greater.</summary>
    public static readonly TimeSpan CollectionQuantum = TimeSpan.FromMinutes(1);

    /// <summary>How long an idle entity grain stays in memory before it is deactivated (it comes back from storage on the next call). Default 15 minutes; more than 1 minute.</summary>
    public TimeSpan GrainCollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long a stopping silo (SIGTERM) may take to hand its grains over and leave the cluster
    /// before the host gives up waiting. Keep it below the Kubernetes termination grace period.
    /// Default 25 seconds; 5 seconds to 10 minutes.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(25);
}

/// <summary>
/// Redis connection settings. Credentials and TLS may be written into the connection string
/// (<c>password=</c>, <c>user=</c>, <c>ssl=true</c>) or, preferably, set apart with
/// <see cref="Password"/>, <see cref="User"/> and <see cref="Tls"/>, so the connection string can sit
/// in plain configuration while the password comes from a secret. A setting given here wins over the
/// same option in the connection string. The password is never logged.
/// </summary>
public sealed class RedisSettings
{
    /// <summary>A StackExchange.Redis connection string, for example <c>localhost:6379</c> or <c>redis:6379,ssl=true</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The Redis password (<c>requirepass</c>, or the password of <see cref="User"/>); never logged.</summary>
    public string? Password { get; set; }

    /// <summary>The Redis ACL user (Redis 6 and later); needs <see cref="Password"/>.</summary>
    public string? User { get; set; }

    /// <summary>True: connect to Redis over TLS. Null: as the connection string says (<c>ssl=</c>).</summary>
    public bool? Tls { get; set; }

    /// <summary>
    /// With <see cref="Tls"/>: a CA certificate file (PEM or DER) the Redis server certificate must
    /// chain to, for a private CA. Unset: the machine's trust store.
    /// </summary>
    public string? TlsCaCertificatePath { get; set; }

    /// <summary>
    /// Redis <c>WAIT</c>: an entity write is acknowledged only once this many replicas of its master
    /// hold it, so a master lost right after the write (Redis Cluster failover, or a replicated
    /// Redis behind a failover) cannot take it along. 0 (the default) turns it off. 0 to 5.
    /// </summary>
    public int WaitForReplicas { get; set; }

    /// <summary>How long a write waits for <see cref="WaitForReplicas"/> before it fails (not acknowledged). Default 1 second; 10 ms to the storage timeout.</summary>
    public TimeSpan WaitForReplicasTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The StackExchange.Redis options: the connection string with <see cref="Password"/>,
    /// <see cref="User"/> and <see cref="Tls"/> applied. Call only on validated settings.
    /// </summary>
    public StackExchange.Redis.ConfigurationOptions ToConfigurationOptions()
    {
        var options = StackExchange.Redis.ConfigurationOptions.Parse(ConnectionString ?? throw new InvalidOperationException("OrleansCache:Redis:ConnectionString is not set."));
        if (!string.IsNullOrEmpty(Password))
        {
            options.Password = Password;
        }

        if (!string.IsNullOrEmpty(User))
        {
            options.User = User;
        }

        if (Tls is { } tls)
        {
            options.Ssl = tls;
        }

        if (options.Ssl && !string.IsNullOrEmpty(TlsCaCertificatePath))
        {
            options.TrustIssuer(TlsCaCertificatePath);
        }

        return options;
    }
}
