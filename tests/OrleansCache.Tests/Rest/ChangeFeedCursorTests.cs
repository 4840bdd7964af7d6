using System.Collections.Immutable;
using OrleansCache.Events;
using OrleansCache.Grains;
using OrleansCache.Naming;
using OrleansCache.Rest.ChangeFeed;

namespace OrleansCache.Tests.Rest;

/// <summary>The feed's position rules: in order, once each, gaps repaired, a reset when the log cannot list what was missed.</summary>
[Trait("Category", "Unit")]
public sealed class ChangeFeedCursorTests
{
    [Fact]
    public async Task A_new_reader_starts_at_the_head_and_gets_every_later_event_once_in_order()
    {
        var log = new FakeChangeLog();
        log.Append(3);
        var cursor = new ChangeFeedCursor(log);

        var start = await cursor.StartAsync(null);
        var first = await cursor.OnEventAsync(log.Append(1)[0]);
        var again = await cursor.OnEventAsync(log.Events[^1]);

        Assert.Equal(new ReadyItem(new ChangeLogPosition(log.Epoch, 3)), Assert.Single(start));
        Assert.Equal(4, Assert.IsType<ChangeItem>(Assert.Single(first)).Change.Sequence);
        Assert.Empty(again);
    }

    [Fact]
    public async Task A_gap_on_the_stream_is_repaired_from_the_log_in_order()
    {
        var log = new FakeChangeLog();
        var cursor = new ChangeFeedCursor(log);
        await cursor.StartAsync(null);
        var appended = log.Append(3);

        var items = await cursor.OnEventAsync(appended[2]);

        Assert.Equal([1L, 2, 3], items.Cast<ChangeItem>().Select(i => i.Change.Sequence));
        Assert.Equal(3, cursor.Position.Sequence);
    }

    [Fact]
    public async Task A_reader_resuming_with_its_last_event_id_gets_what_it_missed_then_ready()
    {
        var log = new FakeChangeLog();
        log.Append(2);
        var lastSeen = FeedPosition.Format(log.Epoch, 2);
        log.Append(3);
        var cursor = new ChangeFeedCursor(log);

        var items = await cursor.StartAsync(lastSeen);

        Assert.Equal([3L, 4, 5], items.OfType<ChangeItem>().Select(i => i.Change.Sequence));
        Assert.Equal(new ReadyItem(new ChangeLogPosition(log.Epoch, 5)), items[^1]);
    }

    [Fact]
    public async Task A_reader_whose_events_left_the_log_or_whose_epoch_is_gone_is_told_to_reset()
    {
        var log = new FakeChangeLog(capacity: 4);
        log.Append(10);
        var cursor = new ChangeFeedCursor(log);

        var tooOld = await new ChangeFeedCursor(log).StartAsync(FeedPosition.Format(log.Epoch, 2));
        var otherEpoch = await cursor.StartAsync(FeedPosition.Format(Guid.NewGuid(), 9));
        var garbage = await new ChangeFeedCursor(log).StartAsync("not-an-id");

        Assert.Equal(ChangeFeedCursor.Unrepairable, Assert.IsType<ResetItem>(tooOld[0]).Reason);
        Assert.Equal(ChangeFeedCursor.NewEpoch, Assert.IsType<ResetItem>(otherEpoch[0]).Reason);
        Assert.Equal(new ChangeLogPosition(log.Epoch, 10), otherEpoch[0].Position);
        Assert.Equal(ChangeFeedCursor.UnknownPosition, Assert.IsType<ResetItem>(garbage[0]).Reason);

        // Every start ends with ready, the position a reconnect resumes from; an unknown id too.
        Assert.All([tooOld, otherEpoch, garbage], start => Assert.IsType<ReadyItem>(start[^1]));
        Assert.Equal(new ChangeLogPosition(log.Epoch, 10), garbage[^1].Position);
    }

    [Fact]
    public async Task An_event_of_a_new_epoch_resets_then_is_sent()
    {
        var log = new FakeChangeLog();
        var cursor = new ChangeFeedCursor(log);
        await cursor.StartAsync(null);
        log.NewEpoch();
        var change = log.Append(2)[1];

        var items = await cursor.OnEventAsync(change);

        Assert.Equal(ChangeFeedCursor.NewEpoch, Assert.IsType<ResetItem>(items[0]).Reason);
        Assert.Equal(change, Assert.IsType<ChangeItem>(items[1]).Change);
        Assert.Equal(new ChangeLogPosition(log.Epoch, 2), cursor.Position);
    }

    [Fact]
    public async Task Reconciling_finds_an_event_lost_on_the_stream_with_nothing_after_it()
    {
        var log = new FakeChangeLog();
        var cursor = new ChangeFeedCursor(log);
        await cursor.StartAsync(null);
        log.Append(1);

        var found = await cursor.ReconcileAsync();
        var nothingNew = await cursor.ReconcileAsync();

        Assert.Equal(1, Assert.IsType<ChangeItem>(Assert.Single(found)).Change.Sequence);
        Assert.Empty(nothingNew);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12-3")]
    [InlineData("0123456789abcdef0123456789abcdef-x")]
    [InlineData("0123456789abcdef0123456789abcdef--1")]
    public void Ids_this_feed_did_not_send_do_not_parse(string id) => Assert.Null(FeedPosition.Parse(id));

    [Fact]
    public void An_id_round_trips()
    {
        var epoch = Guid.NewGuid();

        Assert.Equal(new ChangeLogPosition(epoch, 42), FeedPosition.Parse(FeedPosition.Format(epoch, 42)));
    }

    /// <summary>The log's rules (GetHead, GetSince over a bounded buffer), without a grain.</summary>
    private sealed class FakeChangeLog(int capacity = 1000) : IChangeLogGrain
    {
        public Guid Epoch { get; private set; } = Guid.NewGuid();

        public List<EntityChanged> Events { get; } = [];

        public void NewEpoch()
        {
            Epoch = Guid.NewGuid();
            Events.Clear();
        }

        public List<EntityChanged> Append(int count)
        {
            var added = Enumerable.Range(0, count).Select(_ => new EntityChanged
            {
                Key = EntityKey.Metalake("lake"),
                Change = ChangeKind.Altered,
                Version = Events.Count + 1,
                Epoch = Epoch,
                Sequence = Events.Count + 1,
            }).ToList();
            foreach (var change in added)
            {
                Events.Add(change with { Sequence = Events.Count + 1 });
            }

            return Events[^count..];
        }

        public Task<ChangeLogPosition> GetHead() => Task.FromResult(new ChangeLogPosition(Epoch, Events.Count));

        public Task<ChangeLogSlice> GetSince(Guid epoch, long afterSequence)
        {
            var head = new ChangeLogPosition(Epoch, Events.Count);
            var oldestHeld = Math.Max(1, Events.Count - capacity + 1);
            if (epoch != Epoch || afterSequence < oldestHeld - 1 || afterSequence > Events.Count)
            {
                return Task.FromResult(new ChangeLogSlice(head, false, []));
            }

            return Task.FromResult(new ChangeLogSlice(head, true, [.. Events.Skip((int)afterSequence)]));
        }
    }
}
