using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using OrleansCache.Events;
using OrleansCache.Grains;
using OrleansCache.Naming;
using OrleansCache.Rest.Api;
using OrleansCache.Rest.Diagnostics;
using OrleansCache.Rest.Providers;

namespace OrleansCache.Rest.ChangeFeed;

/// <summary>
/// <c>GET /api/metalakes/{m}/changes</c>: the metalake's changes as Server-Sent Events. Each change
/// is one <c>change</c> event whose id is its log position; a reader that reconnects with
/// <c>Last-Event-ID</c> gets what it missed, in order, or a <c>reset</c> event (drop what you hold of
/// the metalake) when the log can no longer list it, or cannot read the id. Every start ends with a
/// <c>ready</c> event carrying the position the feed goes on from, so a reader that reconnects
/// before any change resumes from there.
/// </summary>
internal sealed class ChangeFeedEndpoint(IClusterClient cluster, IOptions<RestApiOptions> options)
{
    private const int BufferedEvents = 4096;
    private static readonly byte[] Heartbeat = Encoding.UTF8.GetBytes(": keep-alive\n\n");
    private readonly RestApiOptions _options = options.Value;

    /// <summary>Serves the feed until the reader disconnects.</summary>
    public async Task ServeAsync(HttpContext context, ApiRoute route)
    {
        var metalake = route.Levels[0];
        try
        {
            if (!await cluster.GetEntityGrain(route.Entity).Exists())
            {
                await GravitinoError.NotFound("NoSuchMetalakeException", ReadErrors.Message(route, $"metalake '{metalake}' does not exist.")).WriteAsync(context);
                return;
            }
        }
        catch (Exception exception) when (ReadErrors.For(route, exception) is { } error)
        {
            await error.WriteAsync(context);
            return;
        }

        // Bounded: a reader slower than the metalake's write rate must not grow this buffer without
        // end. An event dropped here is a gap the cursor repairs from the log (or a reset), as for an
        // event lost on the stream.
        var received = Channel.CreateBounded<EntityChanged>(new BoundedChannelOptions(BufferedEvents)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.DropWrite,
        });
        var stream = cluster.GetStreamProvider(ChangeStreams.ProviderName).GetStream<EntityChanged>(ChangeStreams.ForMetalake(metalake));
        var subscription = await stream.SubscribeAsync((change, _) =>
        {
            received.Writer.TryWrite(change);
            return Task.CompletedTask;
        });
        RestMetrics.FeedConnection(+1);
        try
        {
            await RunAsync(context, metalake, received.Reader);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The reader went away.
        }
        finally
        {
            RestMetrics.FeedConnection(-1);
            await subscription.UnsubscribeAsync();
        }
    }

    private async Task RunAsync(HttpContext context, string metalake, ChannelReader<EntityChanged> received)
    {
        var aborted = context.RequestAborted;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.StartAsync(aborted);
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes("retry: 1000\n\n"), aborted);

        var cursor = new ChangeFeedCursor(cluster.GetGrain<IChangeLogGrain>(metalake));
        var lastEventId = context.Request.Headers["Last-Event-ID"].FirstOrDefault();
        await SendAsync(response, metalake, await cursor.StartAsync(lastEventId), aborted);

        var lastWrite = DateTime.UtcNow;
        Task<bool>? arrival = null;
        Task? tick = null;
        while (!aborted.IsCancellationRequested)
        {
            arrival ??= received.WaitToReadAsync(aborted).AsTask();
            tick ??= Task.Delay(_options.ChangeFeedReconcilePeriod, aborted);
            var first = await Task.WhenAny(arrival, tick);
            IReadOnlyList<FeedItem> items = [];
            if (first == arrival)
            {
                var more = await arrival;
                arrival = null;
                if (!more)
                {
                    return;
                }

                var batch = new List<FeedItem>();
                while (received.TryRead(out var change))
                {
                    batch.AddRange(await cursor.OnEventAsync(change));
                }

                items = batch;
            }
            else
            {
                tick = null;
                aborted.ThrowIfCancellationRequested();
                items = await cursor.ReconcileAsync();
            }

            if (items.Count > 0)
            {
                await SendAsync(response, metalake, items, aborted);
                lastWrite = DateTime.UtcNow;
            }
            else if (DateTime.UtcNow - lastWrite >= _options.ChangeFeedHeartbeat)
            {
                await response.Body.WriteAsync(Heartbeat, aborted);
                await response.Body.FlushAsync(aborted);
                lastWrite = DateTime.UtcNow;
            }
        }
    }

    private static async Task SendAsync(HttpResponse response, string metalake, IReadOnlyList<FeedItem> items, CancellationToken aborted)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        foreach (var item in items)
        {
            FeedEvents.Write(buffer, metalake, item);
        }

        await response.Body.WriteAsync(buffer.WrittenMemory, aborted);
        await response.Body.FlushAsync(aborted);
    }
}
