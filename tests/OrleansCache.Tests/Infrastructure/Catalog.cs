using OrleansCache.Changes;
using OrleansCache.Entities;
using OrleansCache.Grains;
using OrleansCache.Naming;

namespace OrleansCache.Tests.Infrastructure;

/// <summary>Short-hands over the entity grains for building hierarchies in tests.</summary>
public sealed class Catalog(IGrainFactory grains)
{
    public IEntityGrain Grain(EntityKey key) => grains.GetEntityGrain(key);

    public Task<EntityRecord> Create(EntityKey key, EntityPayload payload) => Grain(key).Create(payload, WriteOptions.Default);

    /// <summary>Creates a metalake, a relational catalog and a schema; returns the schema's key.</summary>
    public async Task<EntityKey> CreateSchema(string? metalake = null, string catalog = "cat", string schema = "sch")
    {
        var lake = EntityKey.Metalake(metalake ?? Payloads.Unique("lake"));
        await Create(lake, Payloads.Metalake());
        var cat = lake.Child(EntityKind.Catalog, catalog);
        await Create(cat, Payloads.Catalog());
        var sch = cat.Child(EntityKind.Schema, schema);
        await Create(sch, Payloads.Schema());
        return sch;
    }
}
