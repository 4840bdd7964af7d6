using Orleans.Concurrency;

namespace OrleansCache.Streaming.Queues;

/// <summary>
/// One stream queue of an arrival-queue provider: producers enqueue batches, the pulling agent that
/// owns the queue waits for them. The queue lives in memory; what a lost activation held is lost
/// (receivers of this project's change streams repair gaps from the change logs).
/// </summary>
[Alias("oc.IArrivalQueueGrain")]
public interface IArrivalQueueGrain : IGrainWithStringKey
{
    /// <summary>Appends a batch and wakes a waiting reader.</summary>
    /// <exception cref="ArrivalQueueFullException">The queue holds its maximum; nothing was added.</exception>
    [Alias("Enqueue")]
    Task Enqueue(ChangeBatch batch);

    /// <summary>
    /// Takes up to <paramref name="maxCount"/> batches, oldest first. When the queue is empty,
    /// waits for one for at most <paramref name="wait"/>, and returns an empty list if none came or
    /// <paramref name="cancellationToken"/> was cancelled.
    /// </summary>
    [AlwaysInterleave, Alias("Dequeue")]
    Task<List<ChangeBatch>> Dequeue(int maxCount, TimeSpan wait, CancellationToken cancellationToken);
}
