using Orleans.Streams;

namespace OrleansCache.Streaming.Queues;

/// <summary>
/// Reads one arrival queue for the silo's pulling agent. A read returns as soon as a batch is in the
/// queue and otherwise keeps waiting (one long call at a time), so the agent's pump stays in its
/// read loop and delivers on arrival; an idle queue costs one call per <see cref="_wait"/>. Each
/// read acknowledges the previous one's batches, so batches whose read was abandoned (the agent
/// stopped, the queue moved to another silo) are read again rather than lost; receivers of
/// change events ignore the duplicates by their sequence numbers.
/// </summary>
internal sealed class ArrivalQueueReceiver(IArrivalQueueGrain queue, TimeSpan wait) : IQueueAdapterReceiver
{
    // The agent asks for "unlimited" with a negative count; a wait returns at most this many batches.
    private const int DefaultMaxCount = 1024;

    private readonly TimeSpan _wait = wait;

    // The number of the newest batch this receiver has handed to the agent; the next read tells the
    // queue, which then forgets it and everything older.
    private Guid _incarnation;
    private long _acknowledged;

    public Task Initialize(TimeSpan timeout) => Task.CompletedTask;

    public Task Initialize(TimeSpan timeout, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        var count = maxCount > 0 ? maxCount : DefaultMaxCount;
        while (!cancellationToken.IsCancellationRequested)
        {
            ArrivalQueueRead read;
            try
            {
                read = await queue.Read(_incarnation, _acknowledged, count, _wait, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            if (read.Batches.Count > 0)
            {
                (_incarnation, _acknowledged) = (read.Incarnation, read.Batches[^1].SequenceNumber);
                return [.. read.Batches];
            }
        }

        return [];
    }

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => Task.CompletedTask;

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task Shutdown(TimeSpan timeout) => Task.CompletedTask;

    public Task Shutdown(TimeSpan timeout, CancellationToken cancellationToken) => Task.CompletedTask;
}
