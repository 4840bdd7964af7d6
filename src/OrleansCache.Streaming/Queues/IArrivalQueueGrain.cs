using Orleans.Concurrency;

namespace OrleansCache.Streaming.Queues;

/// <summary>
/// One stream queue of an arrival-queue provider: producers enqueue batches, the pulling agent that
/// owns the queue waits for them. The queue lives in memory; what a lost activation held is lost
/// (receivers of this project's change streams repair gaps from the change logs).
/// </summary>
[Alias("oc.IArrivalQueueGrain")]
internal interface IArrivalQueueGrain : IGrainWithStringKey
{
    /// <summary>Appends a batch and wakes a waiting reader.</summary>
    /// <exception cref="ArrivalQueueFullException">The queue holds its maximum; nothing was added.</exception>
    [Alias("Enqueue")]
    Task Enqueue(ChangeBatch batch);

    /// <summary>
    /// Forgets the batches numbered up to <paramref name="acknowledged"/> by the activation
    /// <paramref name="incarnation"/> (the reader has them; another activation's numbers are ignored),
    /// then returns up to <paramref name="maxCount"/> of the rest, oldest first, without removing
    /// them: a batch leaves the queue only when a later read acknowledges it, so a read whose answer
    /// is lost (its reader cancelled or moved to another silo) loses nothing. When nothing is left,
    /// waits for a batch for at most <paramref name="wait"/>, and returns no batch if none came
    /// or <paramref name="cancellationToken"/> was cancelled.
    /// </summary>
    [AlwaysInterleave, Alias("Read")]
    Task<ArrivalQueueRead> Read(Guid incarnation, long acknowledged, int maxCount, TimeSpan wait, CancellationToken cancellationToken);
}
