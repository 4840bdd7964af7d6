using Orleans.Placement;

namespace OrleansCache.Streaming.Queues;

/// <summary>
/// An in-memory stream queue that answers a waiting reader the moment a batch arrives. Placed on
/// the silo that first calls it: the pulling agent that owns the queue touches it when it starts,
/// so the agent's wait is a local call and a batch costs one hop from producer to agent.
/// </summary>
[PreferLocalPlacement]
[GrainType("arrivalqueue")] // pinned: part of every stored key and grain id; never change it
internal sealed class ArrivalQueueGrain : Grain, IArrivalQueueGrain
{
    /// <summary>The most batches a queue holds; beyond it producers get <see cref="ArrivalQueueFullException"/>.</summary>
    internal const int Capacity = 65_536;

    private readonly Queue<ChangeBatch> _batches = new();
    private readonly Guid _incarnation = Guid.NewGuid();

    // Starts at the clock so numbers keep growing across activations of the same queue.
    private long _sequence = DateTime.UtcNow.Ticks;
    private TaskCompletionSource? _arrival;

    public Task Enqueue(ChangeBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (_batches.Count >= Capacity)
        {
            throw new ArrivalQueueFullException(this.GetPrimaryKeyString(), Capacity);
        }

        _batches.Enqueue(batch with { SequenceNumber = ++_sequence });
        _arrival?.TrySetResult();
        _arrival = null;
        return Task.CompletedTask;
    }

    public async Task<ArrivalQueueRead> Read(Guid incarnation, long acknowledged, int maxCount, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        while (incarnation == _incarnation && _batches.TryPeek(out var oldest) && oldest.SequenceNumber <= acknowledged)
        {
            _batches.Dequeue();
        }

        if (_batches.Count == 0 && wait > TimeSpan.Zero)
        {
            _arrival ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            try
            {
                await _arrival.Task.WaitAsync(wait, cancellationToken);
            }
            catch (TimeoutException)
            {
                return new(_incarnation, []);
            }
            catch (OperationCanceledException)
            {
                return new(_incarnation, []);
            }
        }

        return new(_incarnation, [.. _batches.Take(maxCount)]);
    }
}
