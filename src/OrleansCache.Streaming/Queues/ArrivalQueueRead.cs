namespace OrleansCache.Streaming.Queues;

/// <summary>
/// What one read of an arrival queue returned: the batches, and the queue activation that numbered
/// them. A reader acknowledges with both, so an acknowledgement never removes batches a later
/// activation of the queue numbered.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.ArrivalQueueRead")]
internal sealed record ArrivalQueueRead([property: Id(0)] Guid Incarnation, [property: Id(1)] List<ChangeBatch> Batches);
