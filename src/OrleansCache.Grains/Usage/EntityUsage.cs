using System.Collections.Concurrent;
using OrleansCache.Grains.Diagnostics;

namespace OrleansCache.Grains.Usage;

/// <summary>
/// Counts entity reads in this silo between flushes. Counting is one dictionary update on the read
/// path; the counts go to the usage record in Redis in the background.
/// </summary>
internal sealed class EntityUsage
{
    // Keyed by grain id, which the activation already holds, so an entity keeps no key string of its
    // own for counting; the ids become grain key strings only when the counts are flushed.
    private ConcurrentDictionary<GrainId, long> _counts = new();

    /// <summary>False when no usage record is kept (embedded mode): reads are not counted.</summary>
    public bool Enabled { get; init; }

    /// <summary>Counts one read of the entity grain <paramref name="grain"/>.</summary>
    public void RecordRead(GrainId grain)
    {
        // Every entity read passes here, so this is also where the silo tier counts its reads.
        SiloMetrics.EntityRead();
        if (Enabled)
        {
            _counts.AddOrUpdate(grain, 1, static (_, count) => count + 1);
        }
    }

    /// <summary>Takes the counts gathered since the last call, by grain key, and starts afresh.</summary>
    public IReadOnlyDictionary<string, long> Drain() =>
        Interlocked.Exchange(ref _counts, new ConcurrentDictionary<GrainId, long>())
            .ToDictionary(pair => pair.Key.Key.ToString(), pair => pair.Value, StringComparer.Ordinal);
}
