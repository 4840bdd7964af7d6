using OrleansCache.Events;

namespace OrleansCache.Grains.Events;

/// <summary>The silo-internal side of a metalake change log: entity grains append their changes.</summary>
[Alias("oc.IChangeLogWriter")]
public interface IChangeLogWriter : IGrainWithStringKey
{
    /// <summary>
    /// Numbers <paramref name="change"/> (epoch and next sequence), keeps it, and publishes it on the
    /// metalake's change stream. The event is kept even when publishing fails, so receivers repair it
    /// from the log.
    /// </summary>
    [Alias("append")]
    Task<EntityChanged> Append(EntityChanged change);
}
