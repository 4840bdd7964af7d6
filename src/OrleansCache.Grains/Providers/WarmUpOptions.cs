namespace OrleansCache.Grains.Providers;

/// <summary>
/// Re-activating the most used entities when a silo starts (configuration section
/// <c>OrleansCache:WarmUp</c>). Redis mode only: the usage record is kept in Redis.
/// </summary>
public sealed class WarmUpOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "OrleansCache:WarmUp";

    /// <summary>How many of the most read entities a starting silo activates; 0 turns warm-up off. Default 0; 0 to 1,000,000.</summary>
    public int TopEntities { get; set; }

    /// <summary>How often a silo adds its read counts to the usage record. Default 30 seconds; 1 second to 1 hour.</summary>
    public TimeSpan FlushPeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many entities the usage record keeps (the least read are trimmed). Default 100,000; at least <see cref="TopEntities"/>.</summary>
    public int RecordSize { get; set; } = 100_000;
}
