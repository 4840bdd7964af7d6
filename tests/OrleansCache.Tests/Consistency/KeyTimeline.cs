using OrleansCache.Naming;

namespace OrleansCache.Tests.Consistency;

/// <summary>
/// The changes that decide one key's state, in the order they were made: writes of the key (it
/// exists at the write's version afterwards) and removals of the key or of an ancestor (it is
/// absent afterwards). Before the first change the key is absent: the workload records every
/// create, including its set-up. Changes of one key never overlap (one writer per key), so start
/// order is the order they took effect.
/// </summary>
internal sealed class KeyTimeline
{
    private readonly List<Op> _changes;

    public KeyTimeline(EntityKey key, IEnumerable<Op> changes)
    {
        Key = key;
        _changes = [.. changes.Where(change => Decides(change, key)).OrderBy(change => change.Start)];
    }

    public EntityKey Key { get; }

    /// <summary>How many changes decide the key.</summary>
    public int Count => _changes.Count;

    /// <summary>The change at <paramref name="position"/>.</summary>
    public Op this[int position] => _changes[position];

    /// <summary>
    /// The position of the change that produced what <paramref name="read"/> returned, -1 for the
    /// absence before any change, or null when no change can have produced it. A version comes from
    /// the acknowledged write that returned it; failing that, from a write whose outcome is unknown
    /// (it failed, so it may have happened) and which would have given it a version above every
    /// acknowledged one before it. Absence comes from the latest removal that started before the
    /// read ended: a removal still in flight may already be visible, so doubt goes the read's way.
    /// </summary>
    public int? ProducerOf(Op read)
    {
        if (read.Found)
        {
            var exact = _changes.FindIndex(change => change.Kind == OpKind.Write && change.Succeeded && change.Version == read.Version);
            if (exact >= 0)
            {
                return exact;
            }
        }

        int? producer = read.Found ? null : -1;
        long highestAcknowledged = 0;
        for (var position = 0; position < _changes.Count && _changes[position].Start < read.End; position++)
        {
            var change = _changes[position];
            if (read.Found && change.Kind == OpKind.Write && !change.Succeeded && read.Version > highestAcknowledged)
            {
                producer = position;
            }
            else if (!read.Found && change.Kind == OpKind.Remove)
            {
                producer = position;
            }

            if (change.Kind == OpKind.Write && change.Succeeded)
            {
                highestAcknowledged = Math.Max(highestAcknowledged, change.Version ?? 0);
            }
        }

        return producer;
    }

    /// <summary>
    /// The acknowledged changes after <paramref name="producer"/> that were acknowledged before
    /// <paramref name="moment"/> and replaced the state it set. Any of them replaces a version
    /// (versions only grow, and a removal after the producer is a later one); only a write
    /// replaces absence (an ancestor's drop after the key's own leaves it absent). The first of
    /// them is the earliest replacing change: staleness runs from its acknowledgement.
    /// </summary>
    public IEnumerable<Op> ReplacementsBefore(int producer, double moment)
    {
        var producedVersion = producer >= 0 && _changes[producer].Kind == OpKind.Write;
        for (var position = producer + 1; position < _changes.Count && _changes[position].Start < moment; position++)
        {
            var change = _changes[position];
            if (change.Succeeded && change.End <= moment && (producedVersion || change.Kind == OpKind.Write))
            {
                yield return change;
            }
        }
    }

    /// <summary>Whether the change decides the state of <paramref name="key"/>: a write of the key, or a removal of it or an ancestor.</summary>
    private static bool Decides(Op change, EntityKey key) => change.Kind switch
    {
        OpKind.Write => change.Key == key,
        OpKind.Remove => change.Key.IsSelfOrAncestorOf(key),
        _ => false,
    };
}
