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
}
