using System.Net;
using System.Text.Json;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Rest;

/// <summary>
/// Gravitino's error model on a real silo process over real HTTP: codes, types and statuses for
/// missing entities, bad names, unsupported versions, writes and unserved paths; the port the API
/// answers on, its instruments, and a bad REST setting stopping the silo.
/// </summary>
[Collection(RestSiloCollection.Name)]
[Trait("Category", "Process")]
public sealed class RestErrorTests(RestSiloFixture fixture)
{
    [Fact]
    public async Task A_missing_entity_is_404_code_1003_named_after_the_highest_missing_level()
    {
        var schema = await fixture.Catalog.CreateSchemaAsync();

        var (tableStatus, table) = await GetAsync(RestCalls.Path(schema) + "/tables/nope");
        var (schemaStatus, underMissingSchema) = await GetAsync(RestCalls.Path(schema.Parent) + "/schemas/nope/tables/t");
        var (listStatus, list) = await GetAsync("metalakes/no_such_lake/catalogs");

        Assert.Equal(HttpStatusCode.NotFound, tableStatus);
        AssertError(table, 1003, "NoSuchTableException");
        Assert.Contains("operation [LOAD]", table.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, schemaStatus);
        AssertError(underMissingSchema, 1003, "NoSuchSchemaException");
        Assert.Equal(HttpStatusCode.NotFound, listStatus);
        AssertError(list, 1003, "NoSuchMetalakeException");
    }

    [Fact]
    public async Task A_name_that_breaks_the_rules_is_400_code_1001()
    {
        var (status, body) = await GetAsync("metalakes/bad%20name/catalogs/c");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, 1001, "IllegalNameIdentifierException");
    }

    [Fact]
    public async Task An_unsupported_api_version_is_refused_with_406_as_Gravitino_refuses_it()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "metalakes");
        request.Headers.Accept.Clear();
        request.Headers.TryAddWithoutValidation("Accept", "application/vnd.gravitino.v2+json");

        using var response = await fixture.Http.SendAsync(request);

        // Gravitino's VersioningFilter answers sendError(406, "Unsupported version"): the servlet
        // container's error page, not an ErrorModel, and its OpenAPI files document no 406.
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.NotEqual("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Writes_and_unserved_paths_get_the_unsupported_operation_error_without_an_upstream()
    {
        var lake = Payloads.Unique("lake");
        using var create = await fixture.Http.PostAsync("metalakes", new StringContent($"{{\"name\":\"{lake}\"}}", System.Text.Encoding.UTF8, "application/json"));
        using var unserved = await fixture.Http.GetAsync("metalakes/lake/objects/table/a.b.c/tags");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, create.StatusCode);
        AssertError(await RestCalls.ParseAsync(create), 1006, "UnsupportedOperationException");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, unserved.StatusCode);
        AssertError(await RestCalls.ParseAsync(unserved), 1006, "UnsupportedOperationException");
        Assert.False(await fixture.Catalog.ExistsAsync(EntityKey.Metalake(lake)));
    }

    [Fact]
    public async Task The_api_answers_only_on_its_own_port()
    {
        using var health = new HttpClient();

        using var onHttpPort = await health.GetAsync(fixture.Silo.Http("/api/metalakes"));
        using var healthOnRestPort = await fixture.Http.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.NotFound, onHttpPort.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, healthOnRestPort.StatusCode);
    }

    [Fact]
    public async Task Requests_are_counted_on_the_silos_metrics_scrape()
    {
        using var answered = await fixture.Http.GetAsync("metalakes");
        using var scrape = new HttpClient();

        var metrics = await scrape.GetStringAsync(fixture.Silo.Http("/metrics"));

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Contains("orleanscache_rest_request_duration_seconds_count{", metrics, StringComparison.Ordinal);
        Assert.Contains("handling=\"read\"", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_with_an_invalid_rest_setting_exits_2_naming_it()
    {
        await using var silo = SiloProcess.Start("--OrleansCache:Rest:Port=70000", $"--OrleansCache:GatewayPort={RedisServer.FreePort()}");

        await silo.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, silo.Process.ExitCode);
        Assert.Contains("OrleansCache:Rest:Port is 70000", silo.Output, StringComparison.Ordinal);
    }

    private Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path) => RestCalls.GetAsync(fixture.Http, path);

    private static void AssertError(JsonElement body, int code, string type)
    {
        Assert.Equal(["code", "message", "type"], JsonProbe.Names(body));
        Assert.Equal(code, body.GetProperty("code").GetInt32());
        Assert.Equal(type, body.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("message").GetString()));
    }

}
