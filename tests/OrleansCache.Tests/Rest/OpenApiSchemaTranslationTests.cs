using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OrleansCache.Rest.Api;
using OrleansCache.Tests.Rest.OpenApi;

namespace OrleansCache.Tests.Rest;

/// <summary>
/// The validator of the OpenAPI contract test can fail: Gravitino's schemas, translated, refuse a
/// null where they say string, a wrong type, an undocumented member and a missing required one.
/// </summary>
[Trait("Category", "Unit")]
public sealed class OpenApiSchemaTranslationTests
{
    private const string TopicRoute = "/metalakes/{metalake}/catalogs/{catalog}/schemas/{schema}/topics/{topic}";

    private const string Topic = """
        {"code":0,"topic":{"name":"tp","comment":"events","properties":{"partition-count":"3"},
         "audit":{"creator":"anonymous","createTime":"2026-12-08T00:00:00.123Z"}}}
        """;

    [Fact]
    public void A_topic_as_Gravitinos_server_writes_it_conforms()
    {
        var schema = GravitinoOpenApi.Vendored.ResponseSchema(TopicRoute, 200)!;

        Assert.Empty(ResponseConformance.Violations(schema, Parse(Topic)));
        Assert.Empty(ResponseConformance.Violations(schema, Parse(Topic.Replace("\"comment\":\"events\",", "", StringComparison.Ordinal))));
    }

    [Theory]
    [InlineData("\"comment\":\"events\"", "\"comment\":null")]
    [InlineData("\"comment\":\"events\"", "\"comment\":7")]
    [InlineData("\"properties\":{\"partition-count\":\"3\"}", "\"properties\":{\"partition-count\":3}")]
    [InlineData("\"name\":\"tp\",", "")]
    [InlineData("\"name\":\"tp\"", "\"name\":\"tp\",\"partitions\":3")]
    [InlineData("\"createTime\":\"2026-12-08T00:00:00.123Z\"", "\"createTime\":\"yesterday\"")]
    [InlineData("\"code\":0", "\"code\":\"0\"")]
    public void A_null_a_wrong_type_an_undocumented_or_a_missing_member_is_refused(string member, string replacement)
    {
        var schema = GravitinoOpenApi.Vendored.ResponseSchema(TopicRoute, 200)!;
        Assert.Contains(member, Topic, StringComparison.Ordinal);

        Assert.NotEmpty(ResponseConformance.Violations(schema, Parse(Topic.Replace(member, replacement, StringComparison.Ordinal))));
    }

    [Fact]
    public void Null_members_are_found_but_an_empty_inherited_as_Gravitino_writes_it()
    {
        var body = Parse("""{"a":null,"b":{"inherited":null,"c":[{"d":null}]}}""");

        Assert.Equal(["$.a", "$.b.c[0].d"], ResponseConformance.NullMembers(body));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    public async Task The_errors_no_test_silo_can_provoke_are_Gravitinos_ErrorModel(int status)
    {
        // 500 needs a failing cluster and 502 an unreachable upstream; the writer is the same as for the
        // statuses the contract test provokes, so its output is checked here.
        var error = status == 500 ? GravitinoError.Internal("Failed to serve GET /api/metalakes: boom") : GravitinoError.ConnectionFailed("The upstream could not be reached.");
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;

        await error.WriteAsync(context);

        Assert.Equal(status, context.Response.StatusCode);
        var json = Parse(System.Text.Encoding.UTF8.GetString(body.ToArray()));
        Assert.Empty(ResponseConformance.Violations(GravitinoOpenApi.Vendored.ResponseSchema("/metalakes", status)
            ?? GravitinoOpenApi.Vendored.ComponentSchema("openapi.yaml", "ErrorModel"), json));
        Assert.Empty(ResponseConformance.NullMembers(json));
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
