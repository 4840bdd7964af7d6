using OrleansCache.Naming;

namespace OrleansCache.Tests.Consistency;

/// <summary>The checker's verdict.</summary>
public sealed record CheckResult(int Ops, IReadOnlyList<string> Violations, double MaxStalenessMs, string? WorstCase);

/// <summary>
/// Checks a history against the guarantees:
/// monotonic reads (a client never returns a lower version of a key than it already returned);
/// read-your-writes (after its own acknowledged write, a client never reads the replaced state);
/// bounded staleness (after any acknowledged write, create, drop or rename, no other client serves
/// the replaced state for longer than the bound; a drop covers the whole subtree).
/// </summary>
public static class HistoryChecker
{
    public static CheckResult Check(IReadOnlyList<Op> ops, double boundMs)
    {
        var violations = new List<string>();
        var reads = ops.Where(op => op.Kind == OpKind.Read && op.Succeeded).ToList();
        var readsByKey = reads.GroupBy(read => read.Key).ToDictionary(group => group.Key, group => group.OrderBy(r => r.Start).ToList());
        CheckMonotonicReads(reads, violations);

        // Each acknowledged change sets the state of its key from its acknowledgement until the next
        // change of that key (or of an ancestor) starts. A failed change leaves the key uncertain
        // until the next acknowledged one.
        var changes = ops.Where(op => op.Kind != OpKind.Read).OrderBy(op => op.Start).ToList();
        double maxStaleness = 0;
        string? worst = null;
        for (var index = 0; index < changes.Count; index++)
        {
            var change = changes[index];
            if (!change.Succeeded)
            {
                continue;
            }

            var affected = readsByKey.Where(pair => Affects(change, pair.Key)).SelectMany(pair => pair.Value);
            var windowEnd = double.MaxValue;
            for (var later = index + 1; later < changes.Count; later++)
            {
                if (Touches(changes[later], change))
                {
                    windowEnd = changes[later].Start;
                    break;
                }
            }

            foreach (var read in affected.Where(r => r.Start >= change.End && r.Start < windowEnd))
            {
                if (Satisfies(read, change))
                {
                    continue;
                }

                var staleness = read.Start - change.End;
                if (read.Client == change.Client)
                {
                    violations.Add($"read-your-writes: client {read.Client} read {Describe(read)} {staleness:F1} ms after its own {Describe(change)}");
                    continue;
                }

                if (staleness > maxStaleness)
                {
                    maxStaleness = staleness;
                    worst = $"client {read.Client} read {Describe(read)} {staleness:F1} ms after {Describe(change)} by client {change.Client}";
                }

                if (staleness > boundMs)
                {
                    violations.Add($"staleness: client {read.Client} read {Describe(read)} {staleness:F1} ms after {Describe(change)} (bound {boundMs} ms)");
                }
            }
        }

        return new CheckResult(ops.Count, violations, maxStaleness, worst);
    }

    private static void CheckMonotonicReads(List<Op> reads, List<string> violations)
    {
        foreach (var group in reads.Where(r => r.Found).GroupBy(r => (r.Client, r.Key)))
        {
            // Walk reads by start time while folding in every read that ended before: the highest
            // version already returned.
            var byEnd = group.OrderBy(r => r.End).ToList();
            var next = 0;
            long returned = 0;
            foreach (var read in group.OrderBy(r => r.Start))
            {
                while (next < byEnd.Count && byEnd[next].End < read.Start)
                {
                    returned = Math.Max(returned, byEnd[next++].Version!.Value);
                }

                if (read.Version < returned)
                {
                    violations.Add($"monotonic reads: client {read.Client} read {Describe(read)} after it had returned version {returned}");
                }
            }
        }
    }

    /// <summary>Whether the change decides the state of <paramref name="key"/>: the same key, or (for a removal) a descendant.</summary>
    private static bool Affects(Op change, EntityKey key) =>
        change.Kind == OpKind.Remove ? change.Key.IsSelfOrAncestorOf(key) : change.Key == key;

    /// <summary>Whether <paramref name="later"/> changes what <paramref name="change"/> decided.</summary>
    private static bool Touches(Op later, Op change) =>
        later.Key.IsSelfOrAncestorOf(change.Key) || change.Key.IsSelfOrAncestorOf(later.Key) || later.Key == change.Key;

    private static bool Satisfies(Op read, Op change) => change.Kind switch
    {
        OpKind.Write => read.Found && read.Version >= change.Version,

        _ => !read.Found,
    };

    private static string Describe(Op op) => op.Kind switch
    {
        OpKind.Read => op.Found ? $"{op.Key} v{op.Version} ({op.Incarnation})" : $"{op.Key} not found",
        OpKind.Write => $"write of {op.Key} v{op.Version}",
        _ => $"removal of {op.Key}",
    };
}
