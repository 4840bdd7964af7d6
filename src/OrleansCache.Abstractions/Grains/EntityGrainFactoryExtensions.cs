using OrleansCache.Naming;

namespace OrleansCache.Grains;

/// <summary>Gets entity grains by <see cref="EntityKey"/>.</summary>
public static class EntityGrainFactoryExtensions
{
    /// <summary>The grain of the entity with this key (the key is already validated).</summary>
    public static IEntityGrain GetEntityGrain(this IGrainFactory grainFactory, EntityKey key)
    {
        ArgumentNullException.ThrowIfNull(grainFactory);
        ArgumentNullException.ThrowIfNull(key);
        return grainFactory.GetGrain<IEntityGrain>(key.ToGrainKey());
    }
}
