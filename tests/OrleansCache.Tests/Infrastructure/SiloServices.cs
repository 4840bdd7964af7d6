using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using OrleansCache.Entities;
using OrleansCache.Grains;
using OrleansCache.Grains.Children;
using OrleansCache.Grains.Entities;
using OrleansCache.Naming;

namespace OrleansCache.Tests.Infrastructure;

/// <summary>
/// The silo's own grain storage and child index, for tests that must put state where a crash or an
/// earlier release would have left it (the product's code paths then read it as they would).
/// </summary>
public sealed class SiloServices(InProcessTestCluster cluster)
{
    private const string StateName = "entity";

    internal IChildIndex Index => Services.GetRequiredService<IChildIndex>();

    internal IGrainStorage Storage => Services.GetRequiredKeyedService<IGrainStorage>(OrleansCacheStorage.Name);

    private IServiceProvider Services => cluster.Silos[0].ServiceProvider;

    /// <summary>Reads an entity's stored state (null when nothing is stored).</summary>
    internal async Task<EntityState?> ReadStateAsync(EntityKey key)
    {
        var state = new GrainState<EntityState>();
        await Storage.ReadStateAsync(StateName, GrainIdOf(key), state);
        return state.RecordExists ? state.State : null;
    }

    /// <summary>Stores <paramref name="state"/> for <paramref name="key"/>, replacing what is stored.</summary>
    internal async Task WriteStateAsync(EntityKey key, EntityState state)
    {
        var envelope = new GrainState<EntityState>();
        await Storage.ReadStateAsync(StateName, GrainIdOf(key), envelope);
        envelope.State = state;
        await Storage.WriteStateAsync(StateName, GrainIdOf(key), envelope);
    }

    /// <summary>
    /// Stores <paramref name="count"/> tables named <c>t000000</c>… under <paramref name="schema"/>
    /// as a create would leave them (index entry, then the table's state), many at a time: for
    /// cascades over containers too large to fill one client call at a time within a test.
    /// </summary>
    internal async Task SeedTablesAsync(EntityKey schema, int count, long version)
    {
        var audit = AuditInfo.Created("seed", DateTimeOffset.UtcNow);
        foreach (var chunk in Enumerable.Range(0, count).Chunk(2_000))
        {
            var tables = chunk.Select(i => schema.Child(EntityKind.Table, $"t{i:D6}")).ToArray();
            await Index.Add(schema, tables);
            await Task.WhenAll(tables.Select(table => Storage.WriteStateAsync(
                StateName,
                GrainIdOf(table),
                new GrainState<EntityState>(new EntityState { Record = new EntityRecord { Key = table, Payload = Payloads.Table("id"), Audit = audit, Version = version } }))));
        }
    }

    private static GrainId GrainIdOf(EntityKey key) => GrainId.Create("entity", key.ToGrainKey());
}
