namespace OrleansCache.Grains.Providers;

/// <summary>Limits and tuning for entity grains (configuration section <c>OrleansCache:Entities</c>).</summary>
public sealed class EntityGrainOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "OrleansCache:Entities";

    /// <summary>The largest serialized payload accepted, in bytes. Default 1 MiB; 1 KiB to 64 MiB.</summary>
    public int MaxPayloadBytes { get; set; } = 1024 * 1024;

    /// <summary>How many children a cascade or subtree move works on at once. Default 32; 1 to 1024.</summary>
    public int CascadeParallelism { get; set; } = 32;

    /// <summary>
    /// How long one grain storage read or write may take before the call fails with
    /// <c>StorageUnavailableException</c> (Redis down or stuck). Default 2 seconds; 100 ms to 1 minute.
    /// </summary>
    public TimeSpan StorageTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
