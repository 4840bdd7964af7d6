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

    /// <summary>How long an idle entity grain stays in memory before it is deactivated (it comes back from storage on the next call). Default 15 minutes; at least 1 minute.</summary>
    public TimeSpan GrainCollectionAge { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>Redis connection settings.</summary>
public sealed class RedisSettings
{
    /// <summary>A StackExchange.Redis connection string, for example <c>localhost:6379</c> or <c>redis:6379,password=…,ssl=true</c>.</summary>
    public string? ConnectionString { get; set; }
}
