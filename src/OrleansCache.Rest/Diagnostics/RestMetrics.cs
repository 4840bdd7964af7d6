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
