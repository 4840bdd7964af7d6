using System.Diagnostics.Metrics;
using OrleansCache.Diagnostics;

namespace OrleansCache.Grains.Diagnostics;

/// <summary>
/// Origin-mode instruments, on the silo's meter (<see cref="SiloMetrics.MeterName"/>). Names are
/// stable: dashboards depend on them.
/// </summary>
internal static class OriginMetrics
{
    private static readonly Meter Meter = SiloMetrics.Meter;

    private static readonly Counter<long> Reads = Meter.CreateCounter<long>(
        "orleanscache.silo.origin.reads", "{read}", "Reads from the origin (misses read through, and lists).");

    private static readonly Counter<long> ReadFailures = Meter.CreateCounter<long>(
        "orleanscache.silo.origin.read_failures", "{read}", "Origin reads that failed (the reader got OriginUnavailableException).");

    private static readonly Counter<long> Transactions = Meter.CreateCounter<long>(
        "orleanscache.silo.origin.transactions", "{transaction}", "Origin transactions applied from the change feed.");

    private static readonly Counter<long> Reconciles = Meter.CreateCounter<long>(
        "orleanscache.silo.origin.reconciles", "{reconcile}", "Full reconciles: the feed's durable position was gone or untrusted, so everything held from the origin was dropped.");

    private static readonly Counter<long> FeedFailures = Meter.CreateCounter<long>(
        "orleanscache.silo.origin.feed_failures", "{failure}", "Times the change feed stopped on an error and was restarted from its durable position.");

    private static readonly Histogram<double> Lag = Meter.CreateHistogram<double>(
        "orleanscache.silo.origin.lag", "s", "From an origin commit to its invalidations being durable and announced (origin and silo clocks).", advice: DurationBuckets.Seconds);

    private static readonly Histogram<double> Stages = Meter.CreateHistogram<double>(
        "orleanscache.silo.origin.stage_duration", "ms",
        "Time an origin transaction spends in one stage of the change feed (tag stage: received = commit to the feed reading it, queued = waiting for the applier, resolved = ids to names, applied = invalidations durable and announced, confirmed = position sent to the origin).");

    private static readonly Histogram<double> FillStages = Meter.CreateHistogram<double>(
        "orleanscache.silo.origin.fill_stage_duration", "ms",
        "Time a read-through fill spends in one stage (tag stage: read = the origin read, parent = the container held, registered = the container's origin index written, stored = the entity's storage write).");

    private static long _readCount;

    /// <summary>Origin reads made by this process since it started (for the load generator and tests).</summary>
    public static long ReadCount => Interlocked.Read(ref _readCount);

    /// <summary>Counts an origin read.</summary>
    public static void Read()
    {
        Interlocked.Increment(ref _readCount);
        Reads.Add(1);
    }

    /// <summary>Counts a failed origin read.</summary>
    public static void ReadFailed() => ReadFailures.Add(1);

    /// <summary>Records an applied origin transaction committed at <paramref name="committedAt"/>.</summary>
    public static void Applied(DateTimeOffset committedAt, DateTimeOffset now)
    {
        Transactions.Add(1);
        Lag.Record(Math.Max(0, (now - committedAt).TotalSeconds));
    }

    /// <summary>Records the time one origin transaction spent in <paramref name="stage"/> of the change feed.</summary>
    public static void Stage(string stage, TimeSpan duration) =>
        Stages.Record(Math.Max(0, duration.TotalMilliseconds), new KeyValuePair<string, object?>("stage", stage));

    /// <summary>Records the time one read-through fill spent in <paramref name="stage"/>, from <paramref name="since"/> (a <see cref="System.Diagnostics.Stopwatch"/> timestamp); returns now.</summary>
    public static long FillStage(string stage, long since)
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        FillStages.Record(System.Diagnostics.Stopwatch.GetElapsedTime(since, now).TotalMilliseconds, new KeyValuePair<string, object?>("stage", stage));
        return now;
    }

    /// <summary>Counts a full reconcile.</summary>
    public static void Reconciled() => Reconciles.Add(1);

    /// <summary>Counts a feed failure.</summary>
    public static void FeedFailed() => FeedFailures.Add(1);
}
