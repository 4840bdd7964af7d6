using System.Diagnostics.Metrics;
using OrleansCache.Diagnostics;

namespace OrleansCache.Client.Diagnostics;

/// <summary>
/// The client's instruments, on the meter <see cref="MeterName"/>. Instrument names are stable:
/// dashboards depend on them.
/// </summary>
public sealed class NearCacheMetrics : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "OrleansCache.Client";

    private readonly Meter _meter;
    private readonly Counter<long> _hits;
    private readonly Counter<long> _misses;
    private readonly Counter<long> _fills;
    private readonly Counter<long> _invalidations;
    private readonly Counter<long> _reconnectDrops;
    private readonly Counter<long> _gaps;
    private readonly Counter<long> _repairs;
    private readonly Counter<long> _scopeFlushes;
    private long _gapCount;
    private long _repairCount;
    private long _scopeFlushCount;
    private readonly Histogram<double> _eventLag;
    private long _hitCount;
    private long _missCount;
    private long _fillCount;
    private long _invalidationCount;
    private Func<long> _evictionCount = static () => 0;
    private long _reconnectDropCount;

    /// <summary>Creates the instruments.</summary>
    public NearCacheMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _hits = _meter.CreateCounter<long>("orleanscache.client.near_cache.hits", "{read}", "Reads served by the near cache.");
        _misses = _meter.CreateCounter<long>("orleanscache.client.near_cache.misses", "{read}", "Reads that went to an entity grain.");
        _fills = _meter.CreateCounter<long>("orleanscache.client.near_cache.fills", "{entry}", "Entries stored after a grain read.");
        _invalidations = _meter.CreateCounter<long>("orleanscache.client.events.received", "{event}", "Change events received.");
        _meter.CreateObservableCounter("orleanscache.client.near_cache.evictions", () => _evictionCount(), "{entry}", "Entries evicted for capacity.");
        _reconnectDrops = _meter.CreateCounter<long>("orleanscache.client.near_cache.reconnect_drops", "{entry}", "Entries dropped because the cluster connection was lost or recovered.");
        _gaps = _meter.CreateCounter<long>("orleanscache.client.events.gaps", "{gap}", "Gaps found in a change log's sequence (events lost or late).");
        _repairs = _meter.CreateCounter<long>("orleanscache.client.events.repaired", "{event}", "Missed events recovered from a change log.");
        _scopeFlushes = _meter.CreateCounter<long>("orleanscache.client.near_cache.scope_flushes", "{flush}", "Times everything held of a metalake was dropped (new epoch or unrepairable gap).");
        _eventLag = _meter.CreateHistogram<double>("orleanscache.client.events.lag", "s", "Invalidation lag: from a change becoming durable on a silo to its event reaching this client (clock skew between machines adds to it).", advice: DurationBuckets.Seconds);
    }

    /// <summary>Gaps found in a change log's sequence since start.</summary>
    public long Gaps => Interlocked.Read(ref _gapCount);

    /// <summary>Missed events recovered from change logs since start.</summary>
    public long Repairs => Interlocked.Read(ref _repairCount);

    /// <summary>Times everything held of a metalake was dropped since start.</summary>
    public long ScopeFlushes => Interlocked.Read(ref _scopeFlushCount);

    /// <summary>Reads served by the near cache since start.</summary>
    public long Hits => Interlocked.Read(ref _hitCount);

    /// <summary>Reads that went to an entity grain since start.</summary>
    public long Misses => Interlocked.Read(ref _missCount);

    /// <summary>Entries stored after grain reads since start.</summary>
    public long Fills => Interlocked.Read(ref _fillCount);

    /// <summary>Change events received since start.</summary>
    public long EventsReceived => Interlocked.Read(ref _invalidationCount);

    /// <summary>Entries evicted for capacity since start.</summary>
    public long Evictions => _evictionCount();

    /// <summary>Entries dropped on connection loss or recovery since start.</summary>
    public long ReconnectDrops => Interlocked.Read(ref _reconnectDropCount);

    internal void Hit()
    {
        Interlocked.Increment(ref _hitCount);

        // The hit path is the product: skip the instrument entirely while nobody listens.
        if (_hits.Enabled)
        {
            _hits.Add(1);
        }
    }

    internal void Miss()
    {
        Interlocked.Increment(ref _missCount);
        _misses.Add(1);
    }

    internal void Fill()
    {
        Interlocked.Increment(ref _fillCount);
        _fills.Add(1);
    }

    internal void EventReceived(DateTimeOffset changedAt)
    {
        Interlocked.Increment(ref _invalidationCount);
        _invalidations.Add(1);
        if (changedAt != default)
        {
            _eventLag.Record(Math.Max(0, (DateTimeOffset.UtcNow - changedAt).TotalSeconds));
        }
    }

    internal void GapDetected()
    {
        Interlocked.Increment(ref _gapCount);
        _gaps.Add(1);
    }

    internal void Repaired(int count)
    {
        Interlocked.Add(ref _repairCount, count);
        _repairs.Add(count);
    }

    internal void ScopeFlushed()
    {
        Interlocked.Increment(ref _scopeFlushCount);
        _scopeFlushes.Add(1);
    }

    /// <summary>Reads evictions from the store's own counter (BitFaster counts them for both stores).</summary>
    internal void ObserveEvictions(Func<long> read) => _evictionCount = read;

    internal void DroppedOnReconnect(int count)
    {
        Interlocked.Add(ref _reconnectDropCount, count);
        _reconnectDrops.Add(count);
    }

    /// <inheritdoc/>
    public void Dispose() => _meter.Dispose();
}
