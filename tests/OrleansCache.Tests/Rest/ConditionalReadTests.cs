using System.Net;
using System.Net.Http.Headers;
using OrleansCache.Changes;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Rest;

/// <summary>
/// ETag and If-None-Match on entities and lists, round trips across changes made through the .NET
/// client. Responses are kept by the REST host's near cache, so a change shows once its event arrives
/// (within the staleness bound): the tests wait for it.
/// </summary>
[Collection(RestSiloCollection.Name)]
[Trait("Category", "Process")]
public sealed class ConditionalReadTests(RestSiloFixture fixture)
{
    [Fact]
    public async Task An_entity_is_304_while_unchanged_and_200_with_a_new_tag_after_an_alter()
    {
        var table = await fixture.Catalog.CreateTableAsync();
        var path = RestCalls.Path(table);

        using var first = await fixture.Http.GetAsync(path);
        var tag = first.Headers.ETag;
        using var unchanged = await GetIfNoneMatchAsync(path, tag!);
        await fixture.Catalog.AlterAsync(table, [new SetProperty("owner", "sales")]);
        using var altered = await ChangedAsync(path, tag!);
        using var again = await GetIfNoneMatchAsync(path, altered.Headers.ETag!);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(tag);
        Assert.False(tag.IsWeak);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal(tag, unchanged.Headers.ETag);
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, altered.StatusCode);
        Assert.NotEqual(tag, altered.Headers.ETag);
        var body = await RestCalls.ParseAsync(altered);
        Assert.Equal("sales", body.GetProperty("table").GetProperty("properties").GetProperty("owner").GetString());
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    [Fact]
    public async Task A_list_is_304_while_unchanged_and_200_after_a_child_is_added_or_a_listed_child_changes()
    {
        var schema = await fixture.Catalog.CreateSchemaAsync();
        var catalog = schema.Parent;
        var tables = RestCalls.Path(schema) + "/tables";
        var catalogs = RestCalls.Path(catalog.Parent) + "/catalogs?details=true";

        using var listed = await fixture.Http.GetAsync(tables);
        using var unchanged = await GetIfNoneMatchAsync(tables, listed.Headers.ETag!);
        await fixture.Catalog.CreateAsync(schema.Child(EntityKind.Table, "added"), Payloads.Table());
        using var grown = await ChangedAsync(tables, listed.Headers.ETag!);

        using var details = await fixture.Http.GetAsync(catalogs);
        using var detailsUnchanged = await GetIfNoneMatchAsync(catalogs, details.Headers.ETag!);
        await fixture.Catalog.AlterAsync(catalog, [new UpdateComment("changed")]);
        using var detailsChanged = await ChangedAsync(catalogs, details.Headers.ETag!);

        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, grown.StatusCode);
        Assert.NotEqual(listed.Headers.ETag, grown.Headers.ETag);
        Assert.Contains((await RestCalls.ParseAsync(grown)).GetProperty("identifiers").EnumerateArray(), id => id.GetProperty("name").GetString() == "added");
        Assert.Equal(HttpStatusCode.NotModified, detailsUnchanged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, detailsChanged.StatusCode);
        Assert.Equal("changed", (await RestCalls.ParseAsync(detailsChanged)).GetProperty("catalogs")[0].GetProperty("comment").GetString());
    }

    [Fact]
    public async Task A_dropped_and_recreated_entity_never_matches_its_old_tag()
    {
        var table = await fixture.Catalog.CreateTableAsync();
        var path = RestCalls.Path(table);
        using var first = await fixture.Http.GetAsync(path);

        await fixture.Catalog.DropAsync(table);
        await fixture.Catalog.CreateAsync(table, Payloads.Table("other"));
        using var recreated = await ChangedAsync(path, first.Headers.ETag!);

        Assert.Equal(HttpStatusCode.OK, recreated.StatusCode);
        Assert.Equal("other", (await RestCalls.ParseAsync(recreated)).GetProperty("table").GetProperty("columns")[0].GetProperty("name").GetString());
    }

    /// <summary>The first 200 answer to <c>If-None-Match: tag</c> (the change has arrived), waited for well past the staleness bound.</summary>
    private async Task<HttpResponseMessage> ChangedAsync(string path, EntityTagHeaderValue tag)
    {
        HttpResponseMessage? answer = null;
        await Eventually.True(
            async () =>
            {
                answer?.Dispose();
                answer = await GetIfNoneMatchAsync(path, tag);
                return answer.StatusCode == HttpStatusCode.OK;
            },
            $"{path} no longer matches {tag}",
            TimeSpan.FromSeconds(10));
        return answer!;
    }

    private Task<HttpResponseMessage> GetIfNoneMatchAsync(string path, EntityTagHeaderValue tag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(tag);
        return fixture.Http.SendAsync(request);
    }
}
