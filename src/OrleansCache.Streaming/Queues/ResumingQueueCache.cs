using Microsoft.Extensions.Logging;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;

namespace OrleansCache.Streaming.Queues;

/// <summary>
/// Orleans' <see cref="SimpleQueueCache"/>, except that a cursor asked for at a token the cache
/// cannot place never fails: it resumes at the earliest batch of its stream the cache holds.
/// </summary>
/// <remarks>
/// <para>
/// When a queue moves to another silo's pulling agent, a subscriber's last token is the last batch
/// the old agent delivered, and the new agent's cache starts at the next one (the old agent had
/// acknowledged everything up to it). <see cref="SimpleQueueCache"/> then answers
/// <see cref="QueueCacheMissException"/> for that token, although nothing is missing; and a cursor
/// made on an empty cache keeps the token and throws the miss from
/// <see cref="IQueueCacheCursor.Refresh"/> once batches arrive, inside the agent's read loop, on
/// every read after it: push stopped for the whole queue.
/// </para>
/// <para>
/// Here a cursor at a token older than everything held, or that the cache cannot place yet (it is
/// empty, or the token is newer than its newest batch), starts at the earliest batch of its stream
/// that is or will be held. Batches the subscriber had are delivered again, and receivers of
/// change events ignore them by their change-log sequence numbers; batches that are truly gone
/// (lost with a silo) show up as a gap in those numbers, which receivers repair from the change
/// log. Either way the cursor keeps delivering.
/// </para>
/// </remarks>
internal sealed class ResumingQueueCache(int cacheSize, ILogger logger) : SimpleQueueCache(cacheSize, logger)
{
    private StreamSequenceToken? _newest;

    /// <summary>How many cursors were resumed at the earliest batch instead of at the token asked for.</summary>
    public long Resumed { get; private set; }

    /// <inheritdoc/>
    public override void AddToCache(IList<IBatchContainer> msgs)
    {
        base.AddToCache(msgs);
        if (msgs.Count > 0)
        {
            _newest = msgs[^1].SequenceToken;
        }
    }

    /// <inheritdoc/>
    /// <remarks>Never throws <see cref="QueueCacheMissException"/>; see the type's remarks.</remarks>
#pragma warning disable CS0672 // Orleans' agent reaches this through IQueueCache.TryGetCacheCursor, which calls it for subclasses.
    public override IQueueCacheCursor GetCacheCursor(StreamId streamId, StreamSequenceToken? token)
#pragma warning restore CS0672
    {
        if (token is null)
        {
#pragma warning disable CS0618 // the base's own cursor; it takes no token that could miss
            return base.GetCacheCursor(streamId, null);
#pragma warning restore CS0618
        }

        if (Size > 0 && _newest is { } newest && !token.Newer(newest))
        {
            try
            {
#pragma warning disable CS0618
                return base.GetCacheCursor(streamId, token);
#pragma warning restore CS0618
            }
            catch (QueueCacheMissException)
            {
                // Older than the oldest batch held: resume below.
            }
        }

        Resumed++;
        return ((IQueueCache)this).TryGetCacheCursorAtPosition(streamId, StreamSubscriptionStartPosition.EarliestAvailable).Cursor!;
    }
}
