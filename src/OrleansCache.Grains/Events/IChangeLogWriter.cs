using System.Collections.Immutable;
using OrleansCache.Events;
using OrleansCache.Naming;

namespace OrleansCache.Grains.Events;

/// <summary>The silo-internal side of a metalake change log: entity grains append their changes.</summary>
[Alias("oc.IChangeLogWriter")]
internal interface IChangeLogWriter : IGrainWithStringKey
{
    /// <summary>
    /// Numbers <paramref name="change"/> (epoch and next sequence), keeps it, and starts publishing it
    /// on the metalake's change stream after every earlier event; returns once it is numbered and
    /// kept, without waiting for the stream. The event stays in the log even when publishing fails,
    /// so receivers repair it from the log.
    /// </summary>
    [Alias("append")]
    Task<EntityChanged> Append(EntityChanged change);

    /// <summary>
    /// Numbers and keeps <paramref name="changes"/> in their order, as <see cref="Append"/> does
    /// each, in one call; returns once all are numbered and kept. What entity grains call: one
    /// message per group of changes, and no numbered copies sent back that nobody reads.
    /// </summary>
    [Alias("append-all")]
    Task AppendAll(ImmutableArray<EntityChanged> changes);

    /// <summary>
    /// Whether every receiver has been or will be told of <paramref name="key"/>'s change to
    /// <paramref name="version"/>, a change that was durable by <paramref name="durableBy"/>: true
    /// when the log holds an event of the key (under its old or its new name) at that version or
    /// later, or when the log's epoch began after <paramref name="durableBy"/> (a receiver that
    /// knew an older epoch drops everything it held of the metalake when it sees this one, and any
    /// read since was served the change). False when the log cannot vouch for it: the change must
    /// be announced again.
    /// </summary>
    [Alias("vouches")]
    Task<bool> Vouches(EntityKey key, long version, DateTimeOffset durableBy);
}
