using Orleans.Configuration;
using OrleansCache.Client;
using OrleansCache.Errors;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Client;

/// <summary>
/// Fail-safe on a real cluster that goes away: with <c>FailSafeMaxAge</c> set, a read returns the
/// last value the client knew, marked stale; never for a strong read, never for an entity whose
/// drop the client saw, and never at all with fail-safe off.
/// </summary>
[Trait("Category", "Redis")]
[Collection(LiveClusterCollection.Name)]
public sealed class FailSafeTests
{
    [Fact]
    public async Task With_the_cluster_gone_a_read_returns_the_last_known_value_marked_stale()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var cluster = await LiveCluster.StartAsync(redis, silos: 1);
        var gateway = cluster.GatewayOf(cluster.Silos[0]);
        var safe = await ConnectAsync(cluster, gateway, TimeSpan.FromMinutes(1));
        var plain = await ConnectAsync(cluster, gateway, TimeSpan.Zero);
        var table = await safe.Cache.CreateTableAsync();
        var dropped = await safe.Cache.CreateTableAsync();
        var known = await safe.Cache.LoadAsync(table);
        await plain.Cache.LoadAsync(table);
        await safe.Cache.LoadAsync(dropped);
        await safe.Cache.DropAsync(dropped);
        Assert.False((await safe.Cache.ReadAsync(table)).IsStale);

        await cluster.KillSiloAsync(cluster.Silos[0]);

        var read = await Eventually.Succeeds(async () => await safe.Cache.ReadAsync(table), TimeSpan.FromSeconds(60));
        Assert.True(read.IsStale, "a read while the cluster is gone is marked stale");
        Assert.Equal(known.Version, read.Record!.Version);
        Assert.True(read.Age > TimeSpan.Zero && read.Age < TimeSpan.FromMinutes(1), $"age {read.Age}");

        await AssertFailsAsync(async () => await safe.Cache.ReadAsync(table, ReadConsistency.Strong), "a strong read never falls back");
        await AssertFailsAsync(async () => await safe.Cache.ReadAsync(dropped), "a dropped entity is never served from fail-safe memory");
        await AssertFailsAsync(async () => await plain.Cache.ReadAsync(table), "without fail-safe the read fails");
    }

    private static Task<TestClient> ConnectAsync(LiveCluster cluster, System.Net.IPEndPoint gateway, TimeSpan failSafe) =>
        cluster.ConnectAsync(
            options =>
            {
                LiveClusterFixture.LongLived(options);
                options.FailSafeMaxAge = failSafe;
            },
            client => client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5)),
            gateway);

    private static async Task AssertFailsAsync(Func<Task> read, string because)
    {
        var error = await Record.ExceptionAsync(read);
        Assert.True(error is not null, because);
        Assert.False(error is EntityNotFoundException, $"{because}: the cluster cannot say the entity is gone ({error})");
    }
}
