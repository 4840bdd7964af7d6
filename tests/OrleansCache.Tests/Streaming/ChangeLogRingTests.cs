using OrleansCache.Events;
using OrleansCache.Grains;
using OrleansCache.Grains.Events;
using OrleansCache.Grains.Providers;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Streaming;

/// <summary>
/// The change log's ring: once more events were appended than it holds, the oldest are gone and a
/// reader behind them is told so, while a reader within the ring gets every event after its
/// position, in order, across the wrap-around.
/// </summary>
[Collection(InMemoryClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class ChangeLogRingTests(InMemoryClusterFixture fixture)
{
    private static readonly int Capacity = new ChangeStreamOptions().LogCapacity;

    [Fact]
    public async Task A_reader_within_the_ring_gets_every_later_event_in_order_across_the_wrap_around()
    {
        var lake = Payloads.Unique("ring");
        var writer = fixture.Client.GetGrain<IChangeLogWriter>(lake);
        var appended = Capacity + 37;
        for (var start = 0; start < appended; start += 512)
        {
            await Task.WhenAll(Enumerable.Range(start, Math.Min(512, appended - start)).Select(i => writer.Append(Changed(lake, i))));
        }

        var log = fixture.Client.GetGrain<IChangeLogGrain>(lake);
        var head = await log.GetHead();
        Assert.Equal(appended, head.Sequence);

        var oldestHeld = appended - Capacity + 1;
        var behind = await log.GetSince(head.Epoch, oldestHeld - 2);
        Assert.False(behind.Complete, "a reader behind the oldest event held must be told its gap cannot be repaired");
        Assert.Empty(behind.Events);

        var within = await log.GetSince(head.Epoch, oldestHeld - 1);
        Assert.True(within.Complete);
        Assert.Equal(Enumerable.Range(oldestHeld, Capacity).Select(s => (long)s), within.Events.Select(e => e.Sequence));

        var near = await log.GetSince(head.Epoch, appended - 3);
        Assert.Equal([appended - 2L, appended - 1L, appended], near.Events.Select(e => e.Sequence));
        Assert.Empty((await log.GetSince(head.Epoch, appended)).Events);
        Assert.False((await log.GetSince(Guid.NewGuid(), appended - 3)).Complete, "another epoch's position is never trusted");
    }

    private static EntityChanged Changed(string lake, int i) => new()
    {
        Key = EntityKey.Table(lake, "c", "s", $"t{i % 50}"),
        Change = ChangeKind.Altered,
        Version = i + 1,
        At = DateTimeOffset.UtcNow,
    };
}
