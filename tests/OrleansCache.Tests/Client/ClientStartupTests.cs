using Microsoft.Extensions.Options;
using OrleansCache.Client.Diagnostics;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Client;

/// <summary>Client start-up: preloading, and validated options.</summary>
[Trait("Category", "Redis")]
[Collection(LiveClusterCollection.Name)]
public sealed class ClientStartupTests(LiveClusterFixture fixture)
{
    [Fact]
    public async Task Preloading_a_catalog_makes_the_first_read_a_hit()
    {
        var lake = EntityKey.Metalake(Payloads.Unique("lake"));
        var a = fixture.A.Cache;
        await a.CreateAsync(lake, Payloads.Metalake());
        var catalog = lake.Child(EntityKind.Catalog, "hot");
        await a.CreateAsync(catalog, Payloads.Catalog());
        var schema = catalog.Child(EntityKind.Schema, "s");
        await a.CreateAsync(schema, Payloads.Schema());
        var tables = Enumerable.Range(0, 5).Select(i => schema.Child(EntityKind.Table, $"t{i}")).ToList();
        foreach (var table in tables)
        {
            await a.CreateAsync(table, Payloads.Table());
        }

        var preloaded = await fixture.Cluster.ConnectAsync(options =>
        {
            LiveClusterFixture.LongLived(options);
            options.PreloadScopes = [catalog.Identifier.ToString()];
        });
        var metrics = preloaded.Service<NearCacheMetrics>();
        var (hits, misses) = (metrics.Hits, metrics.Misses);

        var first = await preloaded.Cache.LoadAsync(tables[3]);

        Assert.Equal(tables[3], first.Key);
        Assert.Equal(hits + 1, metrics.Hits);
        Assert.Equal(misses, metrics.Misses);
        Assert.Equal(1, preloaded.Calls.Count("LoadBytes", tables[3].ToGrainKey())); // the preload's, none since
    }

    [Fact]
    public async Task A_client_with_its_near_cache_off_holds_nothing_it_writes()
    {
        var off = await fixture.Cluster.ConnectAsync(options => options.Enabled = false);
        var lake = EntityKey.Metalake(Payloads.Unique("lake"));

        await off.Cache.CreateAsync(lake, Payloads.Metalake());
        var altered = await off.Cache.AlterAsync(lake, [new OrleansCache.Changes.UpdateComment("changed")]);

        Assert.Equal(0, off.Cache.CachedEntries);
        Assert.Equal(altered.Version, (await off.Cache.LoadAsync(lake)).Version);
        Assert.Equal(0, off.Cache.CachedEntries);
    }

    [Fact]
    public async Task A_bad_client_setting_stops_the_client_naming_the_setting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => fixture.Cluster.ConnectAsync(options => options.MaxEntries = 0));

        Assert.Contains(error.Failures, failure => failure.Contains("OrleansCache:Client:MaxEntries", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Preloading_a_missing_scope_fails_start_up()
    {
        await Assert.ThrowsAsync<OrleansCache.Errors.EntityNotFoundException>(
            () => fixture.Cluster.ConnectAsync(options => options.PreloadScopes = [Payloads.Unique("absent")]));
    }
}
