using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;
using OrleansCache.Streaming.Queues;

namespace OrleansCache.Tests.Streaming;

/// <summary>
/// A cursor asked for at a token below what the queue cache holds (a queue handed to another
/// silo's agent) resumes at the earliest batch held; Orleans' own cache fails it, and, from a
/// refresh, keeps failing on every read of the queue.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ResumingQueueCacheTests
{
    private static readonly StreamId Stream = StreamId.Create("changes", "lake");
    private static readonly StreamId Other = StreamId.Create("changes", "other");

    private static ChangeBatch Batch(long sequence, StreamId? stream = null) => new(stream ?? Stream, [sequence], null, sequence);

    private static EventSequenceTokenV2 Token(long sequence) => new(sequence);

    // Typed as the agent sees them: it calls the interface's TryGetCacheCursor, not the obsolete method.
    private static IQueueCache Resuming(params ChangeBatch[] held) => Holding(new ResumingQueueCache(4096, NullLogger.Instance), held);

    private static IQueueCache Simple(params ChangeBatch[] held) => Holding(new SimpleQueueCache(4096, NullLogger.Instance), held);

    private static IQueueCache Holding(IQueueCache cache, ChangeBatch[] held)
    {
        if (held.Length > 0)
        {
            cache.AddToCache(held);
        }

        return cache;
    }

    private static List<long> Drain(IQueueCacheCursor cursor)
    {
        var read = new List<long>();
        while (cursor.MoveNextWithResult().Kind == QueueCacheCursorMoveResultKind.Success)
        {
            read.Add(((ChangeBatch)cursor.GetCurrent(out _)!).SequenceNumber);
        }

        return read;
    }

    [Fact]
    public void A_cursor_made_on_an_empty_cache_resumes_at_the_first_batch_that_arrives_after_its_token()
    {
        var cache = Resuming();
        var cursor = cache.TryGetCacheCursor(Stream, Token(670)).Cursor!;

        cache.AddToCache([Batch(671), Batch(672), Batch(673)]);
        cursor.Refresh(Token(671));

        Assert.Equal([671, 672, 673], Drain(cursor));
    }

    [Fact]
    public void Orleans_own_cache_fails_that_refresh_which_is_what_stopped_push_for_a_queue()
    {
        var cache = Simple();
        var cursor = cache.TryGetCacheCursor(Stream, Token(670)).Cursor!;

        cache.AddToCache([Batch(671), Batch(672)]);

        Assert.Throws<QueueCacheMissException>(() => cursor.Refresh(Token(671)));
        Assert.Throws<QueueCacheMissException>(() => cursor.Refresh(Token(672)));
    }

    [Fact]
    public void A_token_below_the_oldest_batch_held_starts_at_the_oldest_batch_of_its_stream()
    {
        var cache = Resuming(Batch(671, Other), Batch(672), Batch(673));

        var result = cache.TryGetCacheCursor(Stream, Token(670));

        Assert.Equal(QueueCacheCursorResultKind.Success, result.Kind);
        Assert.Equal([672, 673], Drain(result.Cursor!));
        Assert.Equal(QueueCacheCursorResultKind.CacheMiss, Simple(Batch(671)).TryGetCacheCursor(Stream, Token(670)).Kind);
    }

    [Fact]
    public void A_token_inside_what_is_held_is_placed_as_Orleans_places_it()
    {
        var cache = Resuming(Batch(1), Batch(2), Batch(3));

        var cursor = cache.TryGetCacheCursor(Stream, Token(2)).Cursor!;

        Assert.Equal([2, 3], Drain(cursor));
    }

    [Fact]
    public void A_token_newer_than_everything_held_waits_and_then_delivers_what_comes()
    {
        var cache = Resuming(Batch(1));
        var cursor = cache.TryGetCacheCursor(Stream, Token(5)).Cursor!;
        Drain(cursor);

        cache.AddToCache([Batch(6), Batch(7)]);
        cursor.Refresh(Token(6));

        Assert.Equal([6, 7], Drain(cursor));
    }

    [Fact]
    public void A_cursor_without_a_token_starts_at_the_newest_batch()
    {
        var cache = Resuming(Batch(1), Batch(2));

        Assert.Equal([2], Drain(cache.TryGetCacheCursor(Stream, null).Cursor!));
    }
}
