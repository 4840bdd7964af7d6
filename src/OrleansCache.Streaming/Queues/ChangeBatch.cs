using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;

namespace OrleansCache.Streaming.Queues;

/// <summary>
/// The events one producer call put on a stream, as they travel through an arrival queue. The
/// queue numbers each batch when it is enqueued; the number orders batches in the pulling agent's
/// cache.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.ChangeBatch")]
internal sealed record ChangeBatch : IBatchContainer
{
    /// <summary>Creates a batch; <paramref name="events"/> must not be empty.</summary>
    public ChangeBatch(StreamId streamId, object[] events, Dictionary<string, object>? requestContext, long sequenceNumber)
    {
        ArgumentNullException.ThrowIfNull(events);
        StreamId = streamId;
        Events = events;
        RequestContext = requestContext;
        SequenceNumber = sequenceNumber;
    }

    /// <inheritdoc/>
    [Id(0)]
    public StreamId StreamId { get; }

    /// <summary>The events, in the order the producer gave them.</summary>
    [Id(1)]
    public object[] Events { get; }

    /// <summary>The producer's request context, if it had one.</summary>
    [Id(2)]
    public Dictionary<string, object>? RequestContext { get; }

    /// <summary>The queue's number for this batch; 0 until the batch is enqueued.</summary>
    [Id(3)]
    public long SequenceNumber { get; init; }

    /// <inheritdoc/>
    public StreamSequenceToken SequenceToken => new EventSequenceTokenV2(SequenceNumber);

    /// <inheritdoc/>
    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>()
    {
        var token = new EventSequenceTokenV2(SequenceNumber);
        for (var i = 0; i < Events.Length; i++)
        {
            if (Events[i] is T item)
            {
                yield return Tuple.Create<T, StreamSequenceToken>(item, token.CreateSequenceTokenForEvent(i));
            }
        }
    }

    /// <inheritdoc/>
    public bool ImportRequestContext()
    {
        if (RequestContext is null)
        {
            return false;
        }

        RequestContextExtensions.Import(RequestContext);
        return true;
    }
}
