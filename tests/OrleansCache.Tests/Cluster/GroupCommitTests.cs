using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using OrleansCache.Changes;
using OrleansCache.Entities;
using OrleansCache.Errors;
using OrleansCache.Grains.Entities;
using OrleansCache.Grains;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Cluster;

/// <summary>Concurrent alters of one entity share storage writes without weakening "acknowledged = durable".</summary>
[Trait("Category", "Cluster")]
[Collection(InMemoryClusterCollection.Name)]
public sealed class GroupCommitTests(InMemoryClusterFixture fixture)
{
    private readonly Catalog _catalog = new(fixture.Client);

    [Fact]
    public async Task Concurrent_alters_are_each_acknowledged_only_once_durable_with_versions_in_order()
    {
        var schema = await _catalog.CreateSchema();
        var table = schema.Child(EntityKind.Table, "hot");
        var created = await _catalog.Create(table, Payloads.Table("id"));
        const int alters = 64;
        var storedAtAcknowledgement = new long[alters];
        var acknowledged = await Task.WhenAll(Enumerable.Range(0, alters).Select(async i =>
        {
            var record = await _catalog.Grain(table).Alter([new SetProperty($"p_{i}", "x")], WriteOptions.Default);
            storedAtAcknowledgement[i] = (await StoredRecord(table))!.Version;
            return record;
        }));

        // Every acknowledged version was in storage when its caller learned of it.
        for (var i = 0; i < alters; i++)
        {
            Assert.True(storedAtAcknowledgement[i] >= acknowledged[i].Version, $"alter {i} was acknowledged at v{acknowledged[i].Version} while storage held v{storedAtAcknowledgement[i]}");
        }

        // One version per alter, consecutive, each applied on the one before: the record acknowledged
        // at version v holds the properties of exactly the alters acknowledged at or below v.
        Assert.Equal(Enumerable.Range(1, alters).Select(n => created.Version + n), acknowledged.Select(r => r.Version).Order());
        foreach (var record in acknowledged)
        {
            var expected = acknowledged.Where(r => r.Version <= record.Version)
                .Select(r => $"p_{Array.IndexOf(acknowledged, r).ToString(CultureInfo.InvariantCulture)}")
                .Order(StringComparer.Ordinal);
            Assert.Equal(expected, record.Payload.Properties.Keys.Where(k => k.StartsWith("p_", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        }

        var loaded = await _catalog.Grain(table).Load();
        Assert.Equal(created.Version + alters, loaded.Version);
        Assert.Equal(created.Version + alters, (await StoredRecord(table))!.Version);
    }

    [Fact]
    public async Task An_alter_that_does_not_fit_fails_alone_and_the_rest_of_its_group_is_stored()
    {
        var schema = await _catalog.CreateSchema();
        var table = schema.Child(EntityKind.Table, "mixed");
        var created = await _catalog.Create(table, Payloads.Table("id"));
        var stale = new WriteOptions { ExpectedVersion = created.Version - 1 };
        var calls = Enumerable.Range(0, 16).Select(i => i % 4 == 3
            ? _catalog.Grain(table).Alter([new SetProperty("bad", "x")], stale)
            : _catalog.Grain(table).Alter([new SetProperty($"p_{i}", "x")], WriteOptions.Default)).ToArray();

        var outcomes = await Task.WhenAll(calls.Select(async call =>
        {
            try
            {
                return (Record: (EntityRecord?)await call, Error: (Exception?)null);
            }
            catch (ConcurrentUpdateException exception)
            {
                return (Record: (EntityRecord?)null, Error: (Exception?)exception);
            }
        }));

        Assert.Equal(4, outcomes.Count(o => o.Error is not null));
        var loaded = await _catalog.Grain(table).Load();
        Assert.Equal(created.Version + 12, loaded.Version);
        Assert.DoesNotContain("bad", loaded.Payload.Properties.Keys);
        Assert.Equal(12, loaded.Payload.Properties.Keys.Count(k => k.StartsWith("p_", StringComparison.Ordinal)));
    }

    private async Task<EntityRecord?> StoredRecord(EntityKey key)
    {
        var storage = fixture.Cluster.Silos[0].SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(OrleansCacheStorage.Name);
        var state = new GrainState<EntityState>();
        await storage.ReadStateAsync("entity", GrainId.Create("entity", key.ToGrainKey()), state);
        return state.State?.Record;
    }
}
