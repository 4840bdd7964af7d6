using OrleansCache.Changes;
using OrleansCache.Errors;
using OrleansCache.Grains;
using OrleansCache.Naming;

namespace OrleansCache.TestKit.Tests;

/// <summary>The test kit as a service team uses it, from the packages alone.</summary>
[Collection(CatalogClusterCollection.Name)]
public sealed class TestKitTests(CatalogClusterFixture fixture)
{
    [Fact]
    public async Task A_seeded_table_and_its_ancestors_exist_with_the_columns_described()
    {
        var catalog = fixture.Cluster.OrleansCache();

        var keys = await catalog.SeedAsync("seeded.sales.orders.items(id bigint, price decimal(10,2))", "seeded.sales.orders.events");

        var items = await catalog.LoadAsync(keys[0]);
        Assert.Equal(["id", "price"], items.Payload is Entities.TablePayload table ? table.Columns.Select(c => c.Name) : []);
        Assert.Equal("decimal(10,2)", ((Entities.TablePayload)items.Payload).Columns[1].DataType);
        Assert.True(await catalog.ExistsAsync(EntityKey.Schema("seeded", "sales", "orders")));
        Assert.Equal(2, (await catalog.ListAsync(EntityKey.Schema("seeded", "sales", "orders"), EntityKind.Table)).Length);
        Assert.True(fixture.Cluster.NearCache().Holds(keys[0]));
    }

    [Fact]
    public async Task A_change_made_elsewhere_is_waited_for_without_sleeping_and_then_served()
    {
        var catalog = fixture.Cluster.OrleansCache();
        var table = (await catalog.SeedAsync("waiting.sales.orders.items"))[0];
        var before = await catalog.LoadAsync(table);
        using var changes = ChangeRecorder.Start(catalog);

        // Written straight to the grain, as another service would: only the event tells this client.
        var altered = await fixture.Cluster.Client.GetEntityGrain(table).Alter([new UpdateComment("elsewhere")], WriteOptions.Default);

        var seen = await changes.WaitForAsync(table, altered.Version);
        Assert.Equal(altered.Version, seen.Version);
        Assert.NotEqual(before.Version, fixture.Cluster.NearCache().VersionOf(table));
        Assert.Equal("elsewhere", (await catalog.LoadAsync(table)).Payload.Comment);
    }

    [Fact]
    public async Task A_seed_entry_that_is_not_a_catalog_path_is_refused_and_creates_nothing()
    {
        var catalog = fixture.Cluster.OrleansCache();

        await Assert.ThrowsAsync<FormatException>(() => catalog.SeedAsync("refused.c.s.t.extra"));
        await Assert.ThrowsAsync<FormatException>(() => catalog.SeedAsync("refused.c(id bigint)"));
        await Assert.ThrowsAsync<InvalidNameException>(() => catalog.SeedAsync("refused.system"));

        Assert.False(await catalog.ExistsAsync(EntityKey.Metalake("refused")));
    }
}
