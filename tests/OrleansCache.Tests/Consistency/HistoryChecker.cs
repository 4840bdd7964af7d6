using System.Globalization;
using OrleansCache.Naming;

namespace OrleansCache.Tests.Consistency;

/// <summary>The guarantee a violation breaks.</summary>
public enum Guarantee
{
    /// <summary>A client returned an older state of a key than one it had already returned.</summary>
    MonotonicReads,

    /// <summary>A client returned a state its own acknowledged change had replaced.</summary>
    ReadYourWrites,

    /// <summary>A client served a replaced state longer than the bound after the replacement was acknowledged.</summary>
    BoundedStaleness,

    /// <summary>A client returned a version no write produced.</summary>
    NoPhantoms,
}

/// <summary>One broken guarantee and the history that shows it.</summary>
public sealed record Violation(Guarantee Guarantee, string History)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Guarantee}: {History}";
}

/// <summary>The checker's verdict.</summary>
public sealed record CheckResult(int Ops, IReadOnlyList<Violation> Violations, double MaxStalenessMs, string? WorstCase);

/// <summary>
/// Checks a recorded history against the near cache's guarantees.
/// <list type="bullet">
/// <item>Every read is traced to the change that produced what it returned (<see cref="KeyTimeline.ProducerOf"/>):
/// the write that returned its version, or for not-found the latest removal of the key or an
/// ancestor that started before the read ended. Doubt (a change in flight, a change that failed
/// and may or may not have happened) always goes the read's way.</item>
/// <item><b>Bounded staleness</b>: the read's staleness is its start minus the acknowledgement of the
/// <i>earliest</i> change that replaced that state and was acknowledged before the read started,
/// however many changes followed it (0 when none had). A read stuck on v1 while v2, v3 and v4 were
/// acknowledged is timed from v2. More than the bound is a violation. A read that started before
/// a change was acknowledged is never stale with respect to it (the read and the change were
/// concurrent).</item>
/// <item><b>Read-your-writes</b>: a read by the client that made one of those replacing changes is a
/// violation whatever its staleness.</item>
/// <item><b>Monotonic reads</b>: once a read by a client has ended, no later read of that client may
/// return a lower version, nor a state from before the change behind what it returned: not-found
/// from before the removal that followed the version it returned (a found read followed by a
/// not-found with no removal in between goes backwards), nor a version from before the
/// acknowledged removal behind a not-found it returned (v1, then not found after a drop, then v1
/// again: the comeback a stale fill produces).</item>
/// <item><b>No phantoms</b>: a version no recorded write can have produced is a violation.</item>
/// </list>
/// Removals cover the whole subtree: a table read after its schema's drop is judged against the
/// drop. A rename is recorded as a removal of the old name and a write of the new one.
/// </summary>
public static class HistoryChecker
{
    public static CheckResult Check(IReadOnlyList<Op> ops, double boundMs)
    {
        var violations = new List<Violation>();
        var changes = ops.Where(op => op.Kind != OpKind.Read).ToList();
        var reads = ops.Where(op => op.Kind == OpKind.Read && op.Succeeded).ToList();
        var timelines = reads.Select(read => read.Key).Distinct().ToDictionary(key => key, key => new KeyTimeline(key, changes));

        double maxStaleness = 0;
        string? worst = null;
        var traced = new List<(Op Read, int Producer)>(reads.Count);
        foreach (var read in reads)
        {
            var timeline = timelines[read.Key];
            if (timeline.ProducerOf(read) is not { } producer)
            {
                violations.Add(new(Guarantee.NoPhantoms, $"client {read.Client} read {Describe(read)}, a version no write of {read.Key} produced"));
                continue;
            }

            traced.Add((read, producer));
            var replacements = timeline.ReplacementsBefore(producer, read.Start).ToList();
            if (replacements.Count == 0)
            {
                continue;
            }

            if (replacements.FirstOrDefault(change => change.Client == read.Client) is { } own)
            {
                violations.Add(new(Guarantee.ReadYourWrites, $"client {read.Client} read {Describe(read)} at {At(read.Start)}, {read.Start - own.End:F1} ms after its own {Describe(own)} was acknowledged at {At(own.End)}"));
                continue;
            }

            var first = replacements[0];
            var staleness = read.Start - first.End;
            var history = $"client {read.Client} read {Describe(read)} at {At(read.Start)}, {staleness:F1} ms after {Describe(first)} by client {first.Client} was acknowledged at {At(first.End)} ({replacements.Count} replacing change(s) acknowledged by then)";
            if (staleness > maxStaleness)
            {
                (maxStaleness, worst) = (staleness, history);
            }

            if (staleness > boundMs)
            {
                violations.Add(new(Guarantee.BoundedStaleness, $"{history}; bound {boundMs} ms"));
            }
        }

        CheckMonotonicReads(traced, timelines, violations);
        return new CheckResult(ops.Count, violations, maxStaleness, worst);
    }

    private static void CheckMonotonicReads(List<(Op Read, int Producer)> traced, Dictionary<EntityKey, KeyTimeline> timelines, List<Violation> violations)
    {
        foreach (var group in traced.GroupBy(entry => (entry.Read.Client, entry.Read.Key)))
        {
            // Walk reads by start while folding in every read that ended before: the highest version
            // returned, and the latest change behind a state returned. A not-found is taken at the
            // earliest absence that can explain it (see EarliestAbsence): doubt goes the later read's way.
            var timeline = timelines[group.Key.Key];
            var byEnd = group.OrderBy(entry => entry.Read.End).ToList();
            var next = 0;
            (long Version, Op? Read) highest = (0, null);
            (int Producer, Op? Read) latest = (-1, null);
            foreach (var (read, producer) in group.OrderBy(entry => entry.Read.Start))
            {
                while (next < byEnd.Count && byEnd[next].Read.End < read.Start)
                {
                    var (earlier, earlierProducer) = byEnd[next++];
                    if (earlier.Found && earlier.Version > highest.Version)
                    {
                        highest = (earlier.Version!.Value, earlier);
                    }

                    var floor = earlier.Found ? earlierProducer : EarliestAbsence(timeline, latest.Producer, earlier);
                    if (floor is { } position && position > latest.Producer)
                    {
                        latest = (position, earlier);
                    }
                }

                var before = read.Found && highest.Read is { } found && read.Version < highest.Version ? found
                    : latest.Read is { } behind && producer < latest.Producer ? behind
                    : null;
                if (before is not null)
                {
                    violations.Add(new(Guarantee.MonotonicReads, $"client {read.Client} read {Describe(read)} at {At(read.Start)} after it had returned {Describe(before)} (that read ended at {At(before.End)})"));
                }
            }
        }
    }

    /// <summary>
    /// The earliest absence at or after <paramref name="floor"/> (the latest change behind what the
    /// client had returned before) that can explain the not-found <paramref name="read"/>: the
    /// absence before any change, or a removal that started before the read ended. Null when that
    /// removal's outcome is unknown (it may not have happened, so it sets no floor).
    /// </summary>
    private static int? EarliestAbsence(KeyTimeline timeline, int floor, Op read)
    {
        if (floor < 0 || timeline[floor].Kind == OpKind.Remove)
        {
            return floor;
        }

        for (var position = floor + 1; position < timeline.Count && timeline[position].Start < read.End; position++)
        {
            if (timeline[position].Kind == OpKind.Remove)
            {
                return timeline[position].Succeeded ? position : null;
            }
        }

        return null;
    }

    private static string At(double moment) => string.Create(CultureInfo.InvariantCulture, $"t={moment:F1}");

    private static string Describe(Op op) => op.Kind switch
    {
        OpKind.Read => op.Found ? $"{op.Key} v{op.Version} ({op.Incarnation})" : $"{op.Key} not found",
        OpKind.Write => $"write of {op.Key} v{op.Version}",
        _ => $"removal of {op.Key}",
    };
}
