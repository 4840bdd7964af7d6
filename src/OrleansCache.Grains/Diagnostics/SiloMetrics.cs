using System.Diagnostics;
using System.Diagnostics.Metrics;
using OrleansCache.Diagnostics;
using OrleansCache.Events;

namespace OrleansCache.Grains.Diagnostics;

/// <summary>
/// The silo's instruments, on the meter <see cref="MeterName"/>. Instrument names are stable:
/// dashboards depend on them. The meter is process-wide (grains record on it without a constructor
/// dependency); several silos in one process add up.
/// </summary>
public static class SiloMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "OrleansCache.Silo";

    /// <summary>The one meter of the silo: origin-mode instruments (<see cref="OriginMetrics"/>) are on it too.</summary>
    internal static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> EntityReads = Meter.CreateCounter<long>(
        "orleanscache.silo.entity.reads", "{read}", "Entity reads served from silo memory (the silo tier).");

    private static readonly Counter<long> EntityLoads = Meter.CreateCounter<long>(
        "orleanscache.silo.entity.loads", "{activation}", "Entity activations that loaded their state from grain storage (silo-tier misses).");

    private static readonly Counter<long> EventsAppended = Meter.CreateCounter<long>(
        "orleanscache.silo.events.appended", "{event}", "Change events entity grains appended to a metalake change log, by change kind.");

    private static readonly Counter<long> AppendFailures = Meter.CreateCounter<long>(
        "orleanscache.silo.events.append_failures", "{event}", "Change events an entity grain could not append to its change log (announced again on the entity's next activation).");

    private static readonly Counter<long> EventsPublished = Meter.CreateCounter<long>(
        "orleanscache.silo.events.published", "{event}", "Change events a change log published on its metalake's stream, by change kind.");

    private static readonly Counter<long> PublishFailures = Meter.CreateCounter<long>(
        "orleanscache.silo.events.publish_failures", "{event}", "Change events a change log failed to publish on its stream (kept in the log; receivers repair them from it).");

    private static readonly Histogram<double> StorageWriteDuration = Meter.CreateHistogram<double>(
        "orleanscache.silo.storage.write.duration", "s", "Time to make an entity write durable in grain storage (Redis in Redis mode).", advice: DurationBuckets.Seconds);

    private static readonly Histogram<double> WriteStageDuration = Meter.CreateHistogram<double>(
        "orleanscache.silo.write.stage.duration", "s",
        "Time an entity write spends in each stage inside its grain, tag stage: prepare (validate, apply, size check), lane_wait (waiting for earlier writes of the entity), storage (the grain storage write), alter (an alter from its arrival in the grain to its acknowledgement).", advice: DurationBuckets.Seconds);

    /// <summary>Counts an entity read served from silo memory.</summary>
    internal static void EntityRead() => EntityReads.Add(1);

    /// <summary>Counts an activation that read its state from grain storage.</summary>
    internal static void EntityLoaded(bool found) => EntityLoads.Add(1, new KeyValuePair<string, object?>("found", found));

    /// <summary>Counts a change event appended to its change log(s).</summary>
    internal static void EventAppended(ChangeKind change) => EventsAppended.Add(1, ChangeTag(change));

    /// <summary>Counts change events that could not be appended to their change log.</summary>
    internal static void EventAppendFailed(int count) => AppendFailures.Add(count);

    /// <summary>Counts change events published on a change stream.</summary>
    internal static void EventsPublishedOnStream(IReadOnlyCollection<EntityChanged> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var changed in events)
        {
            EventsPublished.Add(1, ChangeTag(changed.Change));
        }
    }

    /// <summary>Counts change events whose publish on a change stream failed.</summary>
    internal static void EventsPublishFailed(int count) => PublishFailures.Add(count);

    private static KeyValuePair<string, object?> ChangeTag(ChangeKind change) => new("change", change.ToString());

    /// <summary>Records the time since <paramref name="startTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>) as write stage <paramref name="stage"/>.</summary>
    internal static void WriteStage(string stage, long startTimestamp) =>
        WriteStageDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, new KeyValuePair<string, object?>("stage", stage));

    /// <summary>Records a grain storage write that started at <paramref name="startTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    internal static void StorageWritten(long startTimestamp, bool succeeded)
    {
        var elapsed = Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;
        StorageWriteDuration.Record(elapsed, new KeyValuePair<string, object?>("outcome", succeeded ? "ok" : "error"));
        WriteStageDuration.Record(elapsed, new KeyValuePair<string, object?>("stage", "storage"));
    }
}
