using System.Collections.Concurrent;
using OrleansCache.Grains.Diagnostics;

namespace OrleansCache.Grains.Usage;

/// <summary>
/// Counts entity reads in this silo between flushes. Counting is one dictionary update on the read
/// path; the counts go to the usage record in Redis in the background.
/// </summary>
public sealed class EntityUsage
{
    private ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    /// <summary>False when no usage record is kept (embedded mode): reads are not counted.</summary>
    public bool Enabled { get; init; }

    /// <summary>Counts one read of the entity with grain key <paramref name="grainKey"/>.</summary>
    public void RecordRead(string grainKey)
    {
        // Every entity read passes here, so this is also where the silo tier counts its reads.
        SiloMetrics.EntityRead();
        if (Enabled)
        {
            _counts.AddOrUpdate(grainKey, 1, static (_, count) => count + 1);
        }
    }

    /// <summary>Takes the counts gathered since the last call and starts afresh.</summary>
    public IReadOnlyDictionary<string, long> Drain() =>
        Interlocked.Exchange(ref _counts, new ConcurrentDictionary<string, long>(StringComparer.Ordinal));
}
