using OrleansCache.Changes;
using OrleansCache.Client;
using OrleansCache.Client.Caching;
using OrleansCache.Client.Diagnostics;
using OrleansCache.Entities;
using OrleansCache.Events;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Client;

/// <summary>
/// What a client does when its change feed loses events, read through its instruments: a gap found
/// by the next event is repaired from the log, a gap the log no longer holds drops the metalake,
/// and a strong read is right even when the near cache is not. A one-silo cluster whose change logs
/// hold only 16 events, so outrunning a log takes a few writes.
/// </summary>
[Trait("Category", "Redis")]
[Collection(LiveClusterCollection.Name)]
public sealed class LostEventTests
{
    private const int LogCapacity = 16;

    [Fact]
    public async Task A_lost_event_is_found_by_the_next_one_and_repaired_from_the_log()
    {
        var faults = new FeedFaults { SkipReconciliation = true };
        await using var run = await Run.StartAsync(faults);
        var (writer, reader, table) = (run.Writer, run.Reader, run.Table);
        var metrics = reader.Service<NearCacheMetrics>();
        await reader.Cache.LoadAsync(table);

        // The first alter's event is lost: nothing reveals it until the next event arrives.
        var lost = await LoseNextEventAsync(faults, table, () => writer.Cache.AlterAsync(table, [new SetProperty("n", "1")]));
        Assert.Equal(lost.Version - 1, (await reader.Cache.LoadAsync(table)).Version);
        Assert.Equal(0, metrics.Gaps);

        var next = await writer.Cache.AlterAsync(table, [new SetProperty("n", "2")]);

        await Eventually.True(() => metrics.Gaps == 1, "the reader found the gap");
        await Eventually.True(async () => (await reader.Cache.LoadAsync(table)).Version == next.Version, "the reader serves the newest version");
        Assert.InRange(metrics.Repairs, 1, 2); // the lost event, and the revealing one if the log already had it
        Assert.Equal(0, metrics.ScopeFlushes);
    }

    [Fact]
    public async Task Events_lost_beyond_what_the_log_holds_drop_the_metalake_at_the_next_reconciliation()
    {
        var faults = new FeedFaults { SkipReconciliation = true };
        await using var run = await Run.StartAsync(faults);
        var (writer, reader, table) = (run.Writer, run.Reader, run.Table);
        var metrics = reader.Service<NearCacheMetrics>();
        var near = reader.Service<NearCache>();
        await reader.Cache.LoadAsync(table);
        await reader.Cache.LoadAsync(table.Parent);

        faults.Drop = _ => true;
        for (var i = 0; i <= LogCapacity; i++)
        {
            await writer.Cache.AlterAsync(table, [new SetProperty("n", $"{i}")]);
        }

        await Eventually.True(() => faults.Dropped > LogCapacity, "the reader lost more events than the log holds");
        Assert.True(near.Holds(table), "with reconciliation off, nothing revealed the loss yet");
        faults.SkipReconciliation = false;

        await Eventually.True(() => metrics.ScopeFlushes == 1, "reconciliation dropped the metalake");
        Assert.False(near.Holds(table));
        Assert.False(near.Holds(table.Parent), "the whole metalake goes, not only the changed entity");
        Assert.Equal(0, metrics.Repairs);
        Assert.Equal((await writer.Cache.LoadAsync(table)).Version, (await reader.Cache.LoadAsync(table)).Version);
    }

    [Fact]
    public async Task A_strong_read_returns_the_grains_version_while_the_near_cache_still_serves_an_older_one()
    {
        var faults = new FeedFaults { Drop = _ => true, SkipReconciliation = true };
        await using var run = await Run.StartAsync(faults);
        var (writer, reader, table) = (run.Writer, run.Reader, run.Table);
        var first = await reader.Cache.LoadAsync(table);

        var altered = await writer.Cache.AlterAsync(table, [new UpdateComment("strong")]);
        await Eventually.True(() => faults.Dropped >= 1, "the reader lost the alter's event");

        Assert.Equal(first.Version, (await reader.Cache.LoadAsync(table)).Version);
        var strong = await reader.Cache.LoadAsync(table, ReadConsistency.Strong);
        Assert.Equal(altered.Version, strong.Version);
        Assert.Equal("strong", strong.Payload.Comment);
        Assert.Equal(altered.Version, (await reader.Cache.LoadAsync(table)).Version);
    }

    /// <summary>Redis, the one-silo cluster, a writer, a table it created, and a reader with <c>faults</c> on its feed.</summary>
    private sealed record Run(RedisServer Redis, LiveCluster Cluster, TestClient Writer, TestClient Reader, Naming.EntityKey Table) : IAsyncDisposable
    {
        public static async Task<Run> StartAsync(FeedFaults faults)
        {
            var redis = await RedisServer.StartAsync();
            var cluster = await LiveCluster.StartAsync(redis, silos: 0);
            cluster.ExtraSettings["OrleansCache:Streams:LogCapacity"] = $"{LogCapacity}";
            await cluster.StartSiloAsync();
            var writer = await cluster.ConnectAsync(LiveClusterFixture.LongLived);
            var table = await writer.Cache.CreateTableAsync();
            var reader = await cluster.ConnectAsync(LiveClusterFixture.LongLived, faults.Register);
            return new Run(redis, cluster, writer, reader, table);
        }

        public async ValueTask DisposeAsync()
        {
            await Cluster.DisposeAsync();
            await Redis.DisposeAsync();
        }
    }

    /// <summary>Makes the reader lose the event of <paramref name="write"/> (matched by key and version) and nothing else.</summary>
    private static async Task<EntityRecord> LoseNextEventAsync(FeedFaults faults, Naming.EntityKey key, Func<Task<EntityRecord>> write)
    {
        long? version = null;
        faults.Drop = changed => changed.Key == key && changed.Change == ChangeKind.Altered && (version is null || changed.Version == version);
        var record = await write();
        version = record.Version;
        await Eventually.True(() => faults.Dropped == 1, "the reader lost the event");
        faults.Drop = _ => false;
        return record;
    }
}
