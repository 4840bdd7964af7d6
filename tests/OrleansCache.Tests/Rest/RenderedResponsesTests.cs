using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using OrleansCache.Events;
using OrleansCache.Naming;
using OrleansCache.Rest.Caching;
using OrleansCache.Rest.Providers;

namespace OrleansCache.Tests.Rest;

/// <summary>The rendered-response store on its own: version checks, the list fence, drops by change and distrust, bounds, compression.</summary>
[Trait("Category", "Unit")]
public sealed class RenderedResponsesTests
{
    private static readonly EntityKey Schema = EntityKey.Schema("lake", "cat", "db");
    private static readonly EntityKey Table = Schema.Child(EntityKind.Table, "t");
    private static readonly ResponseKey Tables = ResponseKey.List(Schema, EntityKind.Table, details: false);

    [Fact]
    public void An_entity_response_is_served_only_at_the_version_asked_for()
    {
        var responses = new RenderedResponses(new RestResponseCacheOptions());
        responses.StoreEntity(Table, Rendered(10, version: 3));

        Assert.NotNull(responses.TryGetEntity(Table, 3, 0));
        Assert.Null(responses.TryGetEntity(Table, 4, 0));
        Assert.Null(responses.TryGetEntity(Table, 3, 1));
    }

    [Fact]
    public void An_older_entity_response_does_not_replace_a_newer_one()
    {
        var responses = new RenderedResponses(new RestResponseCacheOptions());
        responses.StoreEntity(Table, Rendered(10, version: 5));
        responses.StoreEntity(Table, Rendered(10, version: 4));

        Assert.NotNull(responses.TryGetEntity(Table, 5, 0));
    }

    [Fact]
    public void A_list_fill_overtaken_by_a_change_is_not_kept()
    {
        var responses = new RenderedResponses(new RestResponseCacheOptions());
        var ticket = responses.BeginListFill();

        responses.Applied(Changed(Table, ChangeKind.Created));
        var kept = responses.CompleteListFill(Tables, Rendered(10), ticket);

        Assert.False(kept);
        Assert.Null(responses.TryGetList(Tables));
        Assert.True(responses.CompleteListFill(Tables, Rendered(10), responses.BeginListFill()));
        Assert.NotNull(responses.TryGetList(Tables));
    }

    [Theory]
    [InlineData("child")]
    [InlineData("container")]
    [InlineData("catalog dropped")]
    [InlineData("metalake distrusted")]
    [InlineData("everything distrusted")]
    public void A_held_list_is_dropped_by_what_can_change_it(string cause)
    {
        var responses = new RenderedResponses(new RestResponseCacheOptions());
        var details = ResponseKey.List(Schema, EntityKind.Table, details: true);
        var other = ResponseKey.List(EntityKey.Schema("lake2", "cat", "db"), EntityKind.Table, details: false);
        foreach (var key in new[] { Tables, details, other })
        {
            Assert.True(responses.CompleteListFill(key, Rendered(10), responses.BeginListFill()));
        }

        switch (cause)
        {
            case "child":
                responses.Applied(Changed(Table, ChangeKind.Altered));
                break;
            case "container":
                responses.Applied(Changed(Schema, ChangeKind.Altered));
                break;
            case "catalog dropped":
                responses.Applied(Changed(Schema.Parent, ChangeKind.Dropped));
                break;
            case "metalake distrusted":
                responses.Distrusted(EntityKey.Metalake("lake"));
                break;
            default:
                responses.Distrusted(null);
                break;
        }

        Assert.Null(responses.TryGetList(Tables));
        Assert.Null(responses.TryGetList(details));
        Assert.Equal(cause == "everything distrusted", responses.TryGetList(other) is null);
    }

    [Fact]
    public void A_change_elsewhere_keeps_the_list()
    {
        var responses = new RenderedResponses(new RestResponseCacheOptions());
        responses.CompleteListFill(Tables, Rendered(10), responses.BeginListFill());

        responses.Applied(Changed(EntityKey.Schema("lake", "cat", "db1").Child(EntityKind.Table, "t"), ChangeKind.Created));

        Assert.NotNull(responses.TryGetList(Tables));
    }

    [Fact]
    public void The_byte_bound_evicts_and_counts_compressed_copies()
    {
        var responses = new RenderedResponses(new RestResponseCacheOptions { MaxBytes = 1024 * 1024 });
        for (var i = 0; i < 40; i++)
        {
            var key = Schema.Child(EntityKind.Table, $"t{i}");
            var rendered = Rendered(100_000, version: 1);
            responses.StoreEntity(key, rendered);
            rendered.Encoded(ContentCoding.Gzip);
        }

        Assert.InRange(responses.Bytes, 1, 1024 * 1024);
        Assert.InRange(responses.Count, 1, 39);
    }

    [Fact]
    public void The_entry_bound_evicts()
    {
        var responses = new RenderedResponses(new RestResponseCacheOptions { MaxEntries = 16 });
        for (var i = 0; i < 200; i++)
        {
            responses.StoreEntity(Schema.Child(EntityKind.Table, $"t{i}"), Rendered(10, version: 1));
        }

        Assert.InRange(responses.Count, 1, 32);
        Assert.Equal(responses.Count * 10L, responses.Bytes);
    }

    [Fact]
    public void A_body_over_a_quarter_of_the_byte_bound_is_not_kept()
    {
        var responses = new RenderedResponses(new RestResponseCacheOptions { MaxBytes = 1024 * 1024 });

        responses.StoreEntity(Table, Rendered(300_000, version: 1));

        Assert.Null(responses.TryGetEntity(Table, 1, 0));
        Assert.Equal(0, responses.Bytes);
    }

    [Fact]
    public void A_body_is_compressed_once_per_coding_and_round_trips()
    {
        var rendered = Rendered(5_000);

        var gzip = rendered.Encoded(ContentCoding.Gzip);
        var brotli = rendered.Encoded(ContentCoding.Brotli);

        Assert.Same(gzip, rendered.Encoded(ContentCoding.Gzip));
        Assert.Same(brotli, rendered.Encoded(ContentCoding.Brotli));
        Assert.Same(rendered.Json, rendered.Encoded(ContentCoding.Identity));
        Assert.Equal(rendered.Json, RestCalls.Decompress(new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress)));
        Assert.Equal(rendered.Json, RestCalls.Decompress(new BrotliStream(new MemoryStream(brotli), CompressionMode.Decompress)));
        Assert.Equal(rendered.Json.Length + gzip.Length + brotli.Length, rendered.Size);
    }

    [Theory]
    [InlineData(null, "Identity")]
    [InlineData("gzip", "Gzip")]
    [InlineData("gzip, deflate, br", "Brotli")]
    [InlineData("br;q=0.5, gzip", "Gzip")]
    [InlineData("br;q=0, gzip;q=0", "Identity")]
    [InlineData("identity, deflate", "Identity")]
    [InlineData("*", "Identity")]
    public void The_coding_is_the_accepted_one_with_the_highest_weight(string? acceptEncoding, string expected)
    {
        var context = new DefaultHttpContext();
        if (acceptEncoding is not null)
        {
            context.Request.Headers.AcceptEncoding = acceptEncoding;
        }

        Assert.Equal(expected, ContentCodings.Choose(context.Request).ToString());
    }

    private static RenderedResponse Rendered(int bytes, long version = 0)
    {
        var json = new byte[bytes];
        for (var i = 0; i < bytes; i++)
        {
            json[i] = (byte)('a' + (i * 7 % 26));
        }

        return new RenderedResponse($"\"{version}\"", json, version);
    }

    private static EntityChanged Changed(EntityKey key, ChangeKind change) => new() { Key = key, Change = change, Version = 2 };
}
