using System.Diagnostics;
using System.Diagnostics.Metrics;
using OrleansCache.Diagnostics;

namespace OrleansCache.Rest.Diagnostics;

/// <summary>
/// The REST API's instruments, on the meter <see cref="MeterName"/> (process-wide, as the silo's).
/// Instrument names are stable: dashboards depend on them.
/// </summary>
public static class RestMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "OrleansCache.Rest";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>(
        "orleanscache.rest.request.duration", "s", "Time to answer a REST request, by how it was handled (read, feed, forwarded, unsupported) and status code.", advice: DurationBuckets.Seconds);

    private static readonly UpDownCounter<long> FeedConnections = Meter.CreateUpDownCounter<long>(
        "orleanscache.rest.feed.connections", "{connection}", "Open change-feed connections.");

    private static readonly Counter<long> FeedEvents = Meter.CreateCounter<long>(
        "orleanscache.rest.feed.events", "{event}", "Events sent on change feeds, by event (change, reset, ready).");

    private static readonly Counter<long> CacheHits = Meter.CreateCounter<long>(
        "orleanscache.rest.response_cache.hits", "{response}", "Responses sent from the rendered-response cache, by kind (entity, list).");

    private static readonly Counter<long> CacheMisses = Meter.CreateCounter<long>(
        "orleanscache.rest.response_cache.misses", "{response}", "Responses rendered because the cache held none for the current version, by kind (entity, list).");

    private static readonly Counter<long> Compressions = Meter.CreateCounter<long>(
        "orleanscache.rest.response_cache.compressions", "{body}", "Bodies compressed, by encoding (br, gzip): once per rendered version and encoding.");

    private static readonly Counter<long> CompressedBytes = Meter.CreateCounter<long>(
        "orleanscache.rest.response_cache.compressed_bytes", "By", "Bytes produced by compression, by encoding.");

    private static Func<long> _cachedBytes = static () => 0;
    private static Func<long> _cachedEntries = static () => 0;

    static RestMetrics()
    {
        Meter.CreateObservableGauge("orleanscache.rest.response_cache.bytes", () => _cachedBytes(), "By", "Bytes of rendered responses held (JSON and compressed copies).");
        Meter.CreateObservableGauge("orleanscache.rest.response_cache.entries", () => _cachedEntries(), "{response}", "Rendered responses held.");
    }

    /// <summary>Reports the response cache's size through <paramref name="bytes"/> and <paramref name="entries"/>.</summary>
    internal static void ObserveResponseCache(Func<long> bytes, Func<long> entries) => (_cachedBytes, _cachedEntries) = (bytes, entries);

    /// <summary>Counts a response sent from the cache.</summary>
    internal static void ResponseCacheHit(string kind) => CacheHits.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>Counts a response the cache did not hold.</summary>
    internal static void ResponseCacheMiss(string kind) => CacheMisses.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>Counts a body compressed in <paramref name="encoding"/> to <paramref name="bytes"/> bytes.</summary>
    internal static void ResponseCompressed(string encoding, long bytes)
    {
        var tag = new KeyValuePair<string, object?>("encoding", encoding);
        Compressions.Add(1, tag);
        CompressedBytes.Add(bytes, tag);
    }

    /// <summary>Records a request answered since <paramref name="startTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    internal static void Answered(long startTimestamp, string handling, int status) =>
        RequestDuration.Record(
            Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds,
            new KeyValuePair<string, object?>("handling", handling),
            new KeyValuePair<string, object?>("status", status));

    /// <summary>Counts a feed connection opening (+1) or closing (-1).</summary>
    internal static void FeedConnection(int delta) => FeedConnections.Add(delta);

    /// <summary>Counts an event sent on a feed.</summary>
    internal static void FeedEvent(string name) => FeedEvents.Add(1, new KeyValuePair<string, object?>("event", name));
}
