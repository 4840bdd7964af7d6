using OrleansCache.Changes;
using OrleansCache.Events;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Client;

/// <summary>Every change reaches a subscribed client exactly once, however the stream batches it.</summary>
[Trait("Category", "Redis")]
[Collection(LiveClusterCollection.Name)]
public sealed class EventCountTests(LiveClusterFixture fixture)
{
    [Fact]
    public async Task A_burst_of_concurrent_alters_is_received_once_each_in_order_by_the_writer()
    {
        var table = await fixture.A.Cache.CreateTableAsync();
        var metalake = table.Identifier.Levels[0];
        var received = new List<EntityChanged>();
        var watcher = await fixture.Cluster.ConnectAsync(LiveClusterFixture.LongLived);
        watcher.Cache.ChangeReceived += (_, changed) =>
        {
            lock (received)
            {
                received.Add(changed);
            }
        };
        await watcher.Cache.WatchAsync(EntityKey.Metalake(metalake));

        const int alters = 400;
        await Task.WhenAll(Enumerable.Range(0, alters).Select(i =>
            watcher.Cache.AlterAsync(table, [new SetProperty("k", i.ToString(System.Globalization.CultureInfo.InvariantCulture))])));

        await Eventually.True(() => { lock (received) { return received.Count(c => c.Key == table && c.Change == ChangeKind.Altered) >= alters; } }, "every alter reached the watcher");
        List<EntityChanged> altered;
        lock (received)
        {
            altered = [.. received.Where(c => c.Key == table && c.Change == ChangeKind.Altered)];
        }

        Assert.Equal(alters, altered.Count);
        Assert.Equal(altered.Select(c => c.Sequence).Order(), altered.Select(c => c.Sequence));
        Assert.Equal(alters, altered.Select(c => c.Version).Distinct().Count());
    }

    [Fact]
    public async Task Racing_first_reads_in_a_metalake_subscribe_it_once()
    {
        var table = await fixture.A.Cache.CreateTableAsync();
        var reader = await fixture.Cluster.ConnectAsync(LiveClusterFixture.LongLived);
        var received = new List<EntityChanged>();
        reader.Cache.ChangeReceived += (_, changed) =>
        {
            lock (received)
            {
                received.Add(changed);
            }
        };

        // Many first reads at once: each needs the metalake subscribed before it may fill.
        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () => await reader.Cache.LoadAsync(table))));
        var first = await fixture.A.Cache.AlterAsync(table, [new UpdateComment("first")]);
        var second = await fixture.A.Cache.AlterAsync(table, [new UpdateComment("second")]);

        // Events of one subscription arrive in order: once the second is in, any copy of the first is too.
        await Eventually.True(() => { lock (received) { return received.Any(c => c.Version == second.Version); } }, "the second alter reached the reader");
        lock (received)
        {
            Assert.Single(received, c => c.Key == table && c.Version == first.Version);
        }
    }
}
