using System.Collections.Immutable;
using OrleansCache.Events;

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
}
