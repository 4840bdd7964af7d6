using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using OrleansCache.Changes;
using OrleansCache.Entities;
using OrleansCache.Events;
using OrleansCache.Grains;
using OrleansCache.Grains.Entities;
using OrleansCache.Grains.Providers;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Reliability;

/// <summary>
/// Events only for changes: an entity read again after a restart announces nothing, and one whose
/// last change was stored but never announced (its silo died in between) is announced by its next
/// activation. A watcher sees the metalake's events in log order, so once a later marker's event is
/// in, any re-announcement made before it would be in too.
/// </summary>
[Trait("Category", "Redis")]
public sealed class ReannouncementTests
{
    [Fact]
    public async Task Entities_read_again_after_a_restart_announce_nothing()
    {
        await using var redis = await RedisServer.StartAsync();
        var serviceId = Payloads.Unique("svc");
        EntityKey table;
        await using (var before = await LiveCluster.StartAsync(redis, silos: 1, serviceId: serviceId))
        {
            var writer = await before.ConnectAsync();
            table = await writer.Cache.CreateTableAsync();
            var altered = await writer.Cache.AlterAsync(table, [new UpdateComment("altered before the restart")]);
            await before.KillSiloAsync(before.Silos[0]);

            // A log whose epoch began within a storage timeout of a change cannot tell whether a read
            // in the new epoch was served the change: such a change is announced again, by design.
            var durableBy = altered.Audit.LastModifiedAt + new EntityGrainOptions().StorageTimeout + EntityGrain.ClockSkewAllowance;
            await Eventually.True(() => DateTimeOffset.UtcNow > durableBy, "the restart comes after the last change was surely durable");
        }

        await using var after = await LiveCluster.StartAsync(redis, silos: 1, serviceId: serviceId);
        var (watcher, received) = await WatchAsync(after, table);

        foreach (var key in new[] { table.Parent.Parent, table.Parent, table })
        {
            await watcher.Cache.LoadAsync(key);
        }

        await MarkAsync(watcher, table, received);
        lock (received)
        {
            Assert.Empty(received);
        }
    }

    [Fact]
    public async Task A_change_stored_but_never_announced_is_announced_by_the_next_activation()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var cluster = await LiveCluster.StartAsync(redis, silos: 1);
        var writer = await cluster.ConnectAsync();
        var sibling = await writer.Cache.CreateTableAsync();
        var (watcher, received) = await WatchAsync(cluster, sibling);

        // What a silo that died between storing an alter and appending its event leaves behind: the
        // state, with the mark, and nothing in the (still running) change log.
        var table = sibling.WithName("unannounced");
        var stored = await writer.Cache.CreateAsync(table, Payloads.Table());
        await MarkAsync(watcher, sibling, received);
        var storage = cluster.Silos[0].Services.GetRequiredKeyedService<IGrainStorage>(OrleansCacheStorage.Name);
        var grainId = GrainId.Create("entity", table.ToGrainKey());
        await cluster.Silos[0].Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var envelope = new GrainState<EntityState>();
        await storage.ReadStateAsync("entity", grainId, envelope);
        var unannounced = stored with { Version = stored.Version + 1, Audit = stored.Audit.Modified("crashed", DateTimeOffset.UtcNow) };
        envelope.State = envelope.State! with { Record = unannounced, MayBeUnannounced = true };
        await storage.WriteStateAsync("entity", grainId, envelope);

        await watcher.Cache.FindAsync(table);

        await Eventually.True(() => { lock (received) { return received.Any(c => c.Key == table && c.Version == unannounced.Version); } }, "the stored change was announced");
    }

    private static async Task<(TestClient Watcher, List<EntityChanged> Received)> WatchAsync(LiveCluster cluster, EntityKey key)
    {
        var watcher = await cluster.ConnectAsync();
        var received = new List<EntityChanged>();
        watcher.Cache.ChangeReceived += (_, changed) =>
        {
            lock (received)
            {
                received.Add(changed);
            }
        };
        await watcher.Cache.WatchAsync(EntityKey.Metalake(key.Identifier.Levels[0]));
        return (watcher, received);
    }

    /// <summary>Creates a table beside <paramref name="near"/> and waits for its event; returns its key.</summary>
    private static async Task<EntityKey> MarkAsync(TestClient watcher, EntityKey near, List<EntityChanged> received)
    {
        var marker = near.WithName(Payloads.Unique("marker"));
        await watcher.Cache.CreateAsync(marker, Payloads.Table());
        await Eventually.True(() => { lock (received) { return received.Any(c => c.Key == marker); } }, "the marker's event arrived");
        lock (received)
        {
            received.RemoveAll(c => c.Key == marker);
        }

        return marker;
    }
}
