using OrleansCache.Changes;
using OrleansCache.Client;
using OrleansCache.Client.Caching;
using OrleansCache.Client.Diagnostics;
using OrleansCache.Entities;
using OrleansCache.Errors;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Client;

/// <summary>Two clients on two silos: what one writes, the other's near cache stops serving stale.</summary>
[Trait("Category", "Redis")]
[Collection(LiveClusterCollection.Name)]
public sealed class NearCacheFreshnessTests(LiveClusterFixture fixture)
{
    private IOrleansCacheClient A => fixture.A.Cache;

    private IOrleansCacheClient B => fixture.B.Cache;

    [Fact]
    public async Task A_write_by_A_stops_B_serving_the_old_version()
    {
        var table = await A.CreateTableAsync();
        var before = await HeldAfterLoadingAsync(fixture.B, table);
        var hits = fixture.B.Service<NearCacheMetrics>().Hits;
        Assert.Equal(before.Version, (await B.LoadAsync(table)).Version);
        Assert.Equal(hits + 1, fixture.B.Service<NearCacheMetrics>().Hits);

        var altered = await A.AlterAsync(table, [new UpdateComment("changed by A")]);

        await Eventually.True(async () => (await B.LoadAsync(table)).Version == altered.Version, "B serves A's version");
        Assert.Equal("changed by A", (await B.LoadAsync(table)).Payload.Comment);
    }

    /// <summary>
    /// Push alone keeps a client fresh: with a staleness bound of a minute the first reconciliation
    /// is 15 s away, so a change seen within 2 s, with nothing repaired from the log, came by its event.
    /// </summary>
    [Fact]
    public async Task A_change_reaches_another_client_by_push_alone()
    {
        var c = await fixture.Cluster.ConnectAsync(options =>
        {
            LiveClusterFixture.LongLived(options);
            options.StalenessBound = TimeSpan.FromMinutes(1);
        });
        var metrics = c.Service<NearCacheMetrics>();
        var table = await A.CreateTableAsync();
        await HeldAfterLoadingAsync(c, table);

        var altered = await A.AlterAsync(table, [new UpdateComment("pushed")]);

        await Eventually.True(async () => (await c.Cache.LoadAsync(table)).Version == altered.Version, "C serves the new version", TimeSpan.FromSeconds(2));
        Assert.Equal(0, metrics.Repairs);
        Assert.Equal(0, metrics.Gaps);
        Assert.True(metrics.EventsReceived > 0, "C received the change event");
    }

    [Fact]
    public async Task The_writer_reads_its_own_write_at_once()
    {
        var table = await A.CreateTableAsync();
        await A.LoadAsync(table);

        var altered = await A.AlterAsync(table, [new SetProperty("k", "v")]);

        var read = await A.LoadAsync(table);
        Assert.Equal(altered.Version, read.Version);
        Assert.Equal("v", read.Payload.Properties["k"]);
    }

    [Fact]
    public async Task A_cascade_drop_of_cat1_clears_Bs_subtree_and_leaves_cat10()
    {
        var lake = EntityKey.Metalake(Payloads.Unique("lake"));
        await A.CreateAsync(lake, Payloads.Metalake());
        var tables = new List<EntityKey>();
        foreach (var catalog in new[] { "cat1", "cat10" })
        {
            var cat = lake.Child(EntityKind.Catalog, catalog);
            await A.CreateAsync(cat, Payloads.Catalog());
            var schema = cat.Child(EntityKind.Schema, "s");
            await A.CreateAsync(schema, Payloads.Schema());
            var table = schema.Child(EntityKind.Table, "t");
            await A.CreateAsync(table, Payloads.Table());
            tables.Add(table);
        }

        // A fill that raced with the entity's own create event (or any subtree drop) is not stored,
        // by design (the fill fence): read again until B holds every entry.
        var near = fixture.B.Service<NearCache>();
        foreach (var table in tables)
        {
            foreach (var key in new[] { table.Parent.Parent, table.Parent, table })
            {
                await Eventually.True(async () => { await B.LoadAsync(key); return near.Holds(key); }, $"B holds {key}");
            }
        }

        await A.DropAsync(lake.Child(EntityKind.Catalog, "cat1"), cascade: true);

        await Eventually.True(() => !near.Holds(tables[0]), "B dropped cat1's table");
        Assert.False(near.Holds(tables[0].Parent));
        Assert.False(near.Holds(tables[0].Parent.Parent));
        Assert.True(near.Holds(tables[1]), "cat10's table must survive a drop of cat1");
        Assert.True(near.Holds(tables[1].Parent.Parent));
        await Assert.ThrowsAsync<EntityNotFoundException>(async () => await B.LoadAsync(tables[0]));
    }

    [Fact]
    public async Task A_create_clears_Bs_not_found_entry()
    {
        var schema = (await A.CreateTableAsync()).Parent;
        var table = schema.Child(EntityKind.Table, "later");
        await Eventually.True(async () => await B.FindAsync(table) is null && fixture.B.Service<NearCache>().Holds(table), "the not-found answer is cached");
        Assert.Null(await B.FindAsync(table));

        var created = await A.CreateAsync(table, Payloads.Table());

        await Eventually.True(async () => (await B.FindAsync(table))?.Version == created.Version, "B sees the created table");
    }

    [Fact]
    public async Task A_rename_by_A_makes_B_lose_the_old_name_and_find_the_new_one()
    {
        var table = await A.CreateTableAsync();
        await B.LoadAsync(table);
        var newKey = table.WithName("renamed");
        Assert.Null(await B.FindAsync(newKey));

        await A.AlterAsync(table, [new RenameEntity("renamed")]);

        await Eventually.True(async () => await B.FindAsync(table) is null, "B no longer finds the old name");
        await Eventually.True(async () => await B.FindAsync(newKey) is not null, "B finds the new name");
    }

    [Fact]
    public async Task Concurrent_misses_on_one_key_make_one_grain_call()
    {
        var table = await A.CreateTableAsync();
        var before = fixture.B.Calls.Count("LoadBytes", table.ToGrainKey());

        var reads = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () => await B.LoadAsync(table))));

        Assert.All(reads, read => Assert.Equal(reads[0].Version, read.Version));
        Assert.Equal(before + 1, fixture.B.Calls.Count("LoadBytes", table.ToGrainKey()));
    }

    /// <summary>
    /// Loads <paramref name="key"/> at <paramref name="client"/> until its near cache holds it: a fill
    /// that raced the entity's own create event is not stored (the fill fence), by design.
    /// </summary>
    private static async Task<EntityRecord> HeldAfterLoadingAsync(TestClient client, EntityKey key)
    {
        EntityRecord? record = null;
        await Eventually.True(async () => { record = await client.Cache.LoadAsync(key); return client.Service<NearCache>().Holds(key); }, $"{key} is held");
        return record!;
    }
}
