using System.Net;
using System.Text.Json;
using OrleansCache.Changes;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Rest;

/// <summary>
/// The Server-Sent Events change feed, read by a plain <see cref="HttpClient"/>: changes made through
/// the .NET client arrive as events (over the change stream: the fixture slows the feed's own
/// reconciliation to a minute), and a reader that reconnects with <c>Last-Event-ID</c> misses nothing.
/// </summary>
[Collection(RestSiloCollection.Name)]
[Trait("Category", "Process")]
public sealed class ChangeFeedTests(RestSiloFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_alter_through_the_client_arrives_as_a_change_event_with_its_version()
    {
        var table = await fixture.Catalog.CreateTableAsync();
        var lake = table.Identifier.Levels[0];
        await using var feed = await SseReader.OpenAsync(fixture.Http, $"metalakes/{lake}/changes");
        var ready = await feed.NextAsync(Wait);

        var altered = await fixture.Catalog.AlterAsync(table, [new SetProperty("owner", "ops")]);
        var change = await feed.NextAsync(Wait);

        Assert.Equal("ready", ready.Event);
        Assert.Equal("change", change.Event);
        Assert.Equal("altered", change.Data.GetProperty("change").GetString());
        Assert.Equal("table", change.Data.GetProperty("kind").GetString());
        Assert.Equal(table.Identifier.ToString(), change.Data.GetProperty("identifier").GetString());
        Assert.Equal(altered.Version, change.Data.GetProperty("version").GetInt64());
        Assert.NotEqual(ready.Id, change.Id);

        // Written as Gravitino's server writes JSON: no null member; an alter names no new identifier.
        Assert.False(change.Data.TryGetProperty("newIdentifier", out _));
        Assert.Empty(OpenApi.ResponseConformance.NullMembers(change.Data));
        Assert.Empty(OpenApi.ResponseConformance.NullMembers(ready.Data));
    }

    [Fact]
    public async Task A_reader_that_reconnects_with_its_last_event_id_gets_every_change_it_missed_in_order()
    {
        var table = await fixture.Catalog.CreateTableAsync();
        var lake = table.Identifier.Levels[0];
        string lastId;
        await using (var feed = await SseReader.OpenAsync(fixture.Http, $"metalakes/{lake}/changes"))
        {
            await feed.NextAsync(Wait);
            await fixture.Catalog.AlterAsync(table, [new SetProperty("step", "1")]);
            lastId = (await feed.NextAsync(Wait)).Id;
        }

        var missed = new List<long>();
        for (var step = 2; step <= 4; step++)
        {
            missed.Add((await fixture.Catalog.AlterAsync(table, [new SetProperty("step", step.ToString(System.Globalization.CultureInfo.InvariantCulture))])).Version);
        }

        var renamed = await fixture.Catalog.AlterAsync(table, [new RenameEntity("t2")]);
        await using var resumed = await SseReader.OpenAsync(fixture.Http, $"metalakes/{lake}/changes", lastId);
        var events = new List<SseEvent>();
        for (var i = 0; i < 5; i++)
        {
            events.Add(await resumed.NextAsync(Wait));
        }

        Assert.Equal(["change", "change", "change", "change", "ready"], events.Select(e => e.Event));
        Assert.Equal([.. missed, renamed.Version], events.Take(4).Select(e => e.Data.GetProperty("version").GetInt64()));
        Assert.Equal("renamed", events[3].Data.GetProperty("change").GetString());
        Assert.Equal(renamed.Key.Identifier.ToString(), events[3].Data.GetProperty("newIdentifier").GetString());
        Assert.Equal(events[3].Id, events[4].Id);
    }

    [Fact]
    public async Task A_reader_with_an_id_the_feed_never_sent_is_told_to_reset_and_a_missing_metalake_is_404()
    {
        var table = await fixture.Catalog.CreateTableAsync();
        var lake = table.Identifier.Levels[0];

        await using var feed = await SseReader.OpenAsync(fixture.Http, $"metalakes/{lake}/changes", "ffffffffffffffffffffffffffffffff-3");
        var reset = await feed.NextAsync(Wait);
        using var missing = await fixture.Http.GetAsync($"metalakes/{Payloads.Unique("nolake")}/changes");

        Assert.Equal("reset", reset.Event);
        Assert.Equal(lake, reset.Data.GetProperty("metalake").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("NoSuchMetalakeException", (await RestCalls.ParseAsync(missing)).GetProperty("type").GetString());
    }
}

/// <summary>One Server-Sent Event as a reader sees it.</summary>
internal sealed record SseEvent(string Id, string Event, JsonElement Data);

/// <summary>A minimal Server-Sent Events reader over a plain <see cref="HttpClient"/> response, as a non-.NET service would write one.</summary>
internal sealed class SseReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;
    private readonly CancellationTokenSource _closed = new();

    private SseReader(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _reader = new StreamReader(body);
    }

    public static async Task<SseReader> OpenAsync(HttpClient http, string path, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new SseReader(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The next event (comments and <c>retry:</c> lines skipped).</summary>
    public async Task<SseEvent> NextAsync(TimeSpan timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_closed.Token);
        deadline.CancelAfter(timeout);
        string? id = null, name = null, data = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(deadline.Token) ?? throw new EndOfStreamException("The feed ended.");
            if (line.Length == 0)
            {
                if (data is not null)
                {
                    using var document = JsonDocument.Parse(data);
                    return new SseEvent(id ?? "", name ?? "message", document.RootElement.Clone());
                }

                continue;
            }

            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _closed.CancelAsync();
        _reader.Dispose();
        _response.Dispose();
        _closed.Dispose();
    }
}
