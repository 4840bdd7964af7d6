using Orleans.Runtime;
using Orleans.Streams;
using OrleansCache.Streaming.Queues;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Streaming;

/// <summary>The arrival queue answers a waiting reader when a batch comes, in order, and refuses what it cannot hold.</summary>
[Trait("Category", "Cluster")]
[Collection(InMemoryClusterCollection.Name)]
public sealed class ArrivalQueueTests(InMemoryClusterFixture fixture)
{
    // Longer than any test: a read that returned with batches was woken by their arrival, not by the wait running out.
    private static readonly TimeSpan LongWait = TimeSpan.FromSeconds(20);

    private IArrivalQueueGrain NewQueue() => fixture.Client.GetGrain<IArrivalQueueGrain>($"test/{Guid.NewGuid():N}");

    private static ChangeBatch Batch(params object[] events) => new(StreamId.Create("test", "s"), events, null, 0);

    [Fact]
    public async Task A_waiting_read_returns_the_batch_that_arrives_while_it_waits()
    {
        var queue = NewQueue();
        var reading = queue.Read(Guid.Empty, 0, 16, LongWait, CancellationToken.None);
        await Eventually.True(() => SuspendedCalls.Count(queue.GetGrainId(), nameof(IArrivalQueueGrain.Read)) == 1, "the read waits inside the queue");

        await queue.Enqueue(Batch("a", "b"));
        var read = await reading.WaitAsync(TimeSpan.FromSeconds(10));

        var batch = Assert.Single(read.Batches);
        Assert.Equal(["a", "b"], batch.GetEvents<string>().Select(e => e.Item1));
    }

    [Fact]
    public async Task Batches_come_out_oldest_first_with_growing_numbers_and_leave_only_when_acknowledged()
    {
        var queue = NewQueue();
        for (var i = 0; i < 5; i++)
        {
            await queue.Enqueue(Batch(i));
        }

        var first = await queue.Read(Guid.Empty, 0, 3, TimeSpan.Zero, CancellationToken.None);
        var again = await queue.Read(Guid.Empty, 0, 3, TimeSpan.Zero, CancellationToken.None);
        var afterAck = await queue.Read(first.Incarnation, first.Batches[^1].SequenceNumber, 10, TimeSpan.Zero, CancellationToken.None);
        var (firstBatches, rest) = (first.Batches, afterAck.Batches);

        Assert.Equal(firstBatches.Select(b => b.SequenceNumber), again.Batches.Select(b => b.SequenceNumber));
        Assert.Equal([0, 1, 2], firstBatches.Select(b => (int)b.Events[0]));
        Assert.Equal([3, 4], rest.Select(b => (int)b.Events[0]));
        var numbers = firstBatches.Concat(rest).Select(b => b.SequenceNumber).ToList();
        Assert.Equal(numbers.Order(), numbers);
        Assert.Equal(5, numbers.Distinct().Count());
        Assert.True(firstBatches[0].SequenceToken.Older(rest[0].SequenceToken));
    }

    [Fact]
    public async Task A_read_whose_answer_is_abandoned_loses_nothing()
    {
        var queue = NewQueue();
        Assert.Empty((await queue.Read(Guid.Empty, 0, 4, TimeSpan.FromMilliseconds(50), CancellationToken.None)).Batches);

        using var cancel = new CancellationTokenSource();
        var abandoned = queue.Read(Guid.Empty, 0, 4, LongWait, cancel.Token);
        await cancel.CancelAsync();
        await queue.Enqueue(Batch("after"));
        try
        {
            await abandoned.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
            // The abandoning reader sees its own cancellation; whatever the queue answered it is not acknowledged.
        }

        var next = await queue.Read(Guid.Empty, 0, 4, TimeSpan.Zero, CancellationToken.None);
        Assert.Equal("after", Assert.Single(next.Batches).Events[0]);
    }

    [Fact]
    public async Task An_acknowledgement_from_another_activation_removes_nothing()
    {
        var queue = NewQueue();
        await queue.Enqueue(Batch("kept"));

        var read = await queue.Read(Guid.NewGuid(), long.MaxValue, 4, TimeSpan.Zero, CancellationToken.None);

        Assert.Equal("kept", Assert.Single(read.Batches).Events[0]);
    }

    [Fact]
    public async Task A_full_queue_refuses_a_batch_with_a_typed_error_and_keeps_what_it_holds()
    {
        var queue = NewQueue();
        for (var start = 0; start < ArrivalQueueGrain.Capacity; start += 4096)
        {
            await Task.WhenAll(Enumerable.Range(start, 4096).Select(i => queue.Enqueue(Batch(i))));
        }

        var error = await Assert.ThrowsAsync<ArrivalQueueFullException>(() => queue.Enqueue(Batch("one too many")));

        Assert.Equal(ArrivalQueueGrain.Capacity, error.Capacity);
        var held = (await queue.Read(Guid.Empty, 0, ArrivalQueueGrain.Capacity + 1, TimeSpan.Zero, CancellationToken.None)).Batches;
        Assert.Equal(ArrivalQueueGrain.Capacity, held.Count);
        Assert.DoesNotContain(held, b => b.Events[0] is "one too many");
    }

    [Fact]
    public async Task The_receiver_returns_on_arrival_and_returns_empty_once_the_agent_cancels()
    {
        var queue = NewQueue();
        var receiver = new ArrivalQueueReceiver(queue, TimeSpan.FromMilliseconds(200));
        using var shutdown = new CancellationTokenSource();

        // Three of the receiver's own 200 ms waits run out and a fourth is waiting inside the
        // queue: the receiver kept waiting instead of returning empty.
        var reading = receiver.GetQueueMessagesAsync(8, shutdown.Token);
        await Eventually.True(() => SuspendedCalls.Count(queue.GetGrainId(), nameof(IArrivalQueueGrain.Read)) >= 4, "the receiver's fourth read waits inside the queue");
        Assert.False(reading.IsCompleted, "the receiver returned before anything arrived");
        await queue.Enqueue(Batch("x"));
        var messages = await reading.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("x", Assert.Single(Assert.Single(messages).GetEvents<string>()).Item1);

        var idle = receiver.GetQueueMessagesAsync(8, shutdown.Token);
        await shutdown.CancelAsync();
        Assert.Empty(await idle.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
