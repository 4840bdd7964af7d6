using OrleansCache.Changes;
using OrleansCache.Client.Events;
using OrleansCache.Entities;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Client;

/// <summary>A client that loses the cluster flushes its near cache, resubscribes, and keeps receiving events.</summary>
[Trait("Category", "Redis")]
[Collection(ReconnectCollection.Name)]
public sealed class ReconnectTests
{
    [Fact]
    public async Task A_client_whose_connection_drops_resubscribes_and_receives_later_events()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var cluster = await LiveCluster.StartAsync(redis, silos: 1);
        var watcher = await cluster.ConnectAsync(LiveClusterFixture.LongLived);
        var table = await watcher.Cache.CreateTableAsync();
        await watcher.Cache.LoadAsync(table);
        Assert.True(watcher.Cache.CachedEntries > 0);
        var connection = watcher.Service<ConnectionWatcher>();

        // The whole cluster goes away, and a new one comes up on the same Redis (new ports).
        await cluster.StopSiloAsync(cluster.Silos[0]);
        await Eventually.True(() => connection.Losses >= 1, "the client noticed the lost connection", TimeSpan.FromSeconds(60));
        Assert.Equal(0, watcher.Cache.CachedEntries);
        await cluster.StartSiloAsync();
        await Eventually.True(() => connection.Recoveries >= 1, "the client reconnected and resubscribed", TimeSpan.FromSeconds(90));
        await connection.LastResubscription;

        // Right after a recovery the client may still try a gateway that is gone; reads settle quickly.
        var before = await Eventually.Succeeds(() => watcher.Cache.LoadAsync(table).AsTask(), TimeSpan.FromSeconds(30));
        var writer = await cluster.ConnectAsync();
        var altered = await writer.Cache.AlterAsync(table, [new UpdateComment("after the restart")]);

        Assert.True(altered.Version > before.Version);
        await Eventually.True(async () => (await watcher.Cache.LoadAsync(table)).Version == altered.Version, "the event reached the reconnected client");
    }
}

/// <summary>Tests that stop and start whole clusters; one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReconnectCollection
{
    public const string Name = "reconnect";
}
