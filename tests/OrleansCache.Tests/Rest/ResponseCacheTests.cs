using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OrleansCache.Changes;
using OrleansCache.Entities;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Rest;

/// <summary>
/// The rendered-response cache in a real silo process: changes made through a .NET client reach it
/// by the change stream, 304s and lists come from held responses, large bodies go out compressed
/// once per version. Counts come from the silo's metrics scrape.
/// </summary>
[Collection(RestSiloCollection.Name)]
[Trait("Category", "Process")]
public sealed class ResponseCacheTests(RestSiloFixture fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_get_after_an_alter_by_a_client_shows_the_new_version_with_a_new_tag()
    {
        var table = await fixture.Catalog.CreateTableAsync();
        var path = RestCalls.Path(table);
        using var first = await fixture.Http.GetAsync(path);
        using var held = await fixture.Http.GetAsync(path);

        var altered = await fixture.Catalog.AlterAsync(table, [new SetProperty("owner", "sales")]);
        string? owner = null;
        EntityTagHeaderValue? tag = null;
        await Eventually.True(
            async () =>
            {
                using var response = await fixture.Http.GetAsync(path);
                tag = response.Headers.ETag;
                var body = await RestCalls.ParseAsync(response);
                owner = body.GetProperty("table").GetProperty("properties").TryGetProperty("owner", out var value) ? value.GetString() : null;
                return owner is not null;
            },
            "the REST API shows the altered table",
            Bound);

        Assert.Equal(first.Headers.ETag, held.Headers.ETag);
        Assert.Equal("sales", owner);
        Assert.Equal($"\"{altered.Version}\"", tag!.Tag);
        Assert.NotEqual(first.Headers.ETag, tag);
    }

    [Fact]
    public async Task A_304_comes_from_the_held_response()
    {
        var table = await fixture.Catalog.CreateTableAsync();
        var path = RestCalls.Path(table);
        using var first = await fixture.Http.GetAsync(path);
        var hits = await MetricAsync("orleanscache_rest_response_cache_hits_total", "kind=\"entity\"");

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var notModified = await fixture.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(first.Headers.ETag, notModified.Headers.ETag);
        await Eventually.True(
            async () => await MetricAsync("orleanscache_rest_response_cache_hits_total", "kind=\"entity\"") > hits,
            "the 304 is counted as a response-cache hit",
            Bound);
    }

    [Fact]
    public async Task A_list_is_held_and_rendered_again_after_a_child_is_created_or_dropped()
    {
        var schema = await fixture.Catalog.CreateSchemaAsync();
        var tables = RestCalls.Path(schema) + "/tables";
        using var empty = await fixture.Http.GetAsync(tables);
        var hits = await MetricAsync("orleanscache_rest_response_cache_hits_total", "kind=\"list\"");
        using var again = await fixture.Http.GetAsync(tables);
        await Eventually.True(
            async () => await MetricAsync("orleanscache_rest_response_cache_hits_total", "kind=\"list\"") > hits,
            "the second GET of the list is a response-cache hit",
            Bound);

        var table = schema.Child(EntityKind.Table, "added");
        await fixture.Catalog.CreateAsync(table, Payloads.Table());
        await Eventually.True(async () => (await NamesAsync(tables)).Contains("added"), "the list shows the created table", Bound);
        await fixture.Catalog.DropAsync(table);
        await Eventually.True(async () => (await NamesAsync(tables)).Count == 0, "the list no longer shows the dropped table", Bound);

        Assert.Empty(await NamesAsync(RestCalls.Path(schema) + "/tables"));
        Assert.Equal(empty.Headers.ETag, again.Headers.ETag);
    }

    [Fact]
    public async Task A_large_body_goes_out_in_gzip_and_br_compressed_once_per_version()
    {
        var schema = await fixture.Catalog.CreateSchemaAsync();
        var table = schema.Child(EntityKind.Table, "wide");
        await fixture.Catalog.CreateAsync(table, Payloads.Table([.. Enumerable.Range(0, 80).Select(c => $"column_{c:D3}")]));
        var path = RestCalls.Path(table);
        using var plain = await fixture.Http.GetAsync(path);
        var json = await plain.Content.ReadAsByteArrayAsync();
        var gzipBefore = await MetricAsync("orleanscache_rest_response_cache_compressions_total", "encoding=\"gzip\"");
        var brBefore = await MetricAsync("orleanscache_rest_response_cache_compressions_total", "encoding=\"br\"");

        var gzip = new List<HttpResponseMessage>();
        var br = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            gzip.Add(await GetEncodedAsync(path, "gzip"));
            br.Add(await GetEncodedAsync(path, "br, gzip;q=0.5"));
        }

        await Eventually.True(
            async () => await MetricAsync("orleanscache_rest_response_cache_compressions_total", "encoding=\"br\"") >= brBefore + 1
                && await MetricAsync("orleanscache_rest_response_cache_compressions_total", "encoding=\"gzip\"") >= gzipBefore + 1,
            "both compressions are counted",
            Bound);
        var gzipOnce = await MetricAsync("orleanscache_rest_response_cache_compressions_total", "encoding=\"gzip\"") - gzipBefore;
        var brOnce = await MetricAsync("orleanscache_rest_response_cache_compressions_total", "encoding=\"br\"") - brBefore;

        Assert.True(json.Length >= 1400, $"the body is {json.Length} bytes");
        Assert.Null(plain.Content.Headers.ContentEncoding.FirstOrDefault());
        Assert.Contains("Accept-Encoding", plain.Headers.Vary);
        foreach (var response in gzip)
        {
            Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
            Assert.True(response.Headers.ETag!.IsWeak);
            Assert.Equal(plain.Headers.ETag!.Tag, response.Headers.ETag.Tag);
            Assert.Equal(json, RestCalls.Decompress(new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress)));
        }

        foreach (var response in br)
        {
            Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
            Assert.Equal(json, RestCalls.Decompress(new BrotliStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress)));
        }

        Assert.Equal(1, gzipOnce);
        Assert.Equal(1, brOnce);

        // A weak tag from a compressed answer still makes a 304.
        using var conditional = new HttpRequestMessage(HttpMethod.Get, path);
        conditional.Headers.IfNoneMatch.Add(gzip[0].Headers.ETag!);
        conditional.Headers.AcceptEncoding.ParseAdd("gzip");
        using var notModified = await fixture.Http.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        gzip.Concat(br).ToList().ForEach(response => response.Dispose());
    }

    [Fact]
    public async Task A_small_body_is_sent_as_it_is()
    {
        var table = await fixture.Catalog.CreateTableAsync();

        using var response = await GetEncodedAsync(RestCalls.Path(table), "gzip, br");

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal(JsonValueKind.Object, (await RestCalls.ParseAsync(response)).ValueKind);
    }

    private async Task<HttpResponseMessage> GetEncodedAsync(string path, string acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        var response = await fixture.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private async Task<List<string>> NamesAsync(string listPath)
    {
        var (status, body) = await RestCalls.GetAsync(fixture.Http, listPath);
        Assert.Equal(HttpStatusCode.OK, status);
        return [.. body.GetProperty("identifiers").EnumerateArray().Select(id => id.GetProperty("name").GetString()!)];
    }

    /// <summary>The sum of a counter's series on the silo's scrape that carry <paramref name="label"/>.</summary>
    private async Task<double> MetricAsync(string name, string label)
    {
        using var scrape = new HttpClient();
        var metrics = await scrape.GetStringAsync(fixture.Silo.Http("/metrics"));
        return metrics.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) && line.Contains(label, StringComparison.Ordinal))
            .Select(line => double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture))
            .Sum();
    }
}
