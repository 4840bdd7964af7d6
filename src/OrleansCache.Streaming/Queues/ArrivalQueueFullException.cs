namespace OrleansCache.Streaming.Queues;

/// <summary>An arrival queue refused a batch because it already holds its maximum.</summary>
[GenerateSerializer, Alias("oc.ArrivalQueueFullException")]
internal sealed class ArrivalQueueFullException : Exception
{
    /// <summary>Creates the error for the queue <paramref name="queue"/> holding <paramref name="capacity"/> batches.</summary>
    public ArrivalQueueFullException(string queue, int capacity)
        : base($"Stream queue '{queue}' holds its maximum of {capacity} batches; the batch was not queued.")
    {
        Queue = queue;
        Capacity = capacity;
    }

    /// <summary>The queue that refused the batch.</summary>
    [Id(0)]
    public string Queue { get; private set; }

    /// <summary>How many batches the queue holds at most.</summary>
    [Id(1)]
    public int Capacity { get; private set; }
}
