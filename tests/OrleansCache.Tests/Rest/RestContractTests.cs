using System.Collections.Immutable;
using System.Net;
using System.Text.Json;
using OrleansCache.Entities;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Rest;

/// <summary>
/// The read API against Gravitino's documented shapes (docs/open-api/*.yaml and its DTOs): envelopes,
/// fields, identifier lists, audit objects, error codes and statuses, versioning. A real silo process
/// serves real HTTP; entities are created through the .NET client.
/// </summary>
[Collection(RestSiloCollection.Name)]
[Trait("Category", "Process")]
public sealed class RestContractTests(RestSiloFixture fixture)
{
    private static readonly string[] AuditFields = ["createTime", "creator", "lastModifiedTime", "lastModifier"];

    [Fact]
    public async Task A_table_is_Gravitinos_TableDTO_in_its_envelope_with_columns_in_its_type_encoding()
    {
        var schema = await CreateSchemaAsync();
        var table = schema.Child(EntityKind.Table, "orders");
        await fixture.Catalog.CreateAsync(table, new TablePayload
        {
            Comment = "the orders",
            Columns =
            [
                new Column { Name = "id", DataType = "bigint", Nullable = false, Comment = "key" },
                new Column { Name = "price", DataType = "decimal(10,2)" },
                new Column { Name = "tags", DataType = "map<string,array<int>>" },
                new Column { Name = "odd", DataType = "hyperloglog" },
            ],
            Partitioning = ["day(ts)"],
            SortOrders = ["id DESC"],
            Distribution = "hash(id) 8",
            Indexes = ["PRIMARY KEY (id)"],
            Properties = ImmutableDictionary<string, string>.Empty.Add("format", "parquet"),
        });

        var (status, body) = await GetAsync(Path(table));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["code", "table"], JsonProbe.Names(body));
        Assert.Equal(0, body.GetProperty("code").GetInt32());
        var dto = body.GetProperty("table");
        Assert.Equal(["audit", "columns", "comment", "distribution", "indexes", "name", "partitioning", "properties", "sortOrders"], JsonProbe.Names(dto));
        Assert.Equal("orders", dto.GetProperty("name").GetString());
        Assert.Equal("the orders", dto.GetProperty("comment").GetString());
        Assert.Equal("parquet", dto.GetProperty("properties").GetProperty("format").GetString());
        var columns = dto.GetProperty("columns").EnumerateArray().ToArray();
        Assert.Equal(["autoIncrement", "comment", "name", "nullable", "type"], JsonProbe.Names(columns[0]));
        Assert.Equal("long", columns[0].GetProperty("type").GetString());
        Assert.False(columns[0].GetProperty("nullable").GetBoolean());
        Assert.Equal("key", columns[0].GetProperty("comment").GetString());
        Assert.Equal("decimal(10,2)", columns[1].GetProperty("type").GetString());
        Assert.Equal("map", columns[2].GetProperty("type").GetProperty("type").GetString());
        Assert.Equal("unparsed", columns[3].GetProperty("type").GetProperty("type").GetString());
        Assert.Equal("day", dto.GetProperty("partitioning")[0].GetProperty("strategy").GetString());
        Assert.Equal("desc", dto.GetProperty("sortOrders")[0].GetProperty("direction").GetString());
        Assert.Equal(8, dto.GetProperty("distribution").GetProperty("number").GetInt32());
        Assert.Equal("primary_key", dto.GetProperty("indexes")[0].GetProperty("indexType").GetString());
        AssertAudit(dto);
    }

    [Fact]
    public async Task Metalakes_catalogs_and_schemas_are_their_DTOs_and_lists_are_identifiers_or_details()
    {
        var schema = await CreateSchemaAsync();
        var catalog = schema.Parent;
        var lake = catalog.Parent;

        var (_, metalake) = await GetAsync(Path(lake));
        var (_, catalogDto) = await GetAsync(Path(catalog));
        var (_, schemaDto) = await GetAsync(Path(schema));
        var (_, catalogIds) = await GetAsync(Path(lake) + "/catalogs");
        var (_, catalogDetails) = await GetAsync(Path(lake) + "/catalogs?details=true");
        var (_, schemaIds) = await GetAsync(Path(catalog) + "/schemas");
        var (_, metalakes) = await GetAsync("metalakes");

        Assert.Equal(["audit", "comment", "name", "properties"], JsonProbe.Names(metalake.GetProperty("metalake")));
        Assert.Equal(["audit", "comment", "name", "properties", "provider", "type"], JsonProbe.Names(catalogDto.GetProperty("catalog")));
        Assert.Equal("relational", catalogDto.GetProperty("catalog").GetProperty("type").GetString());
        Assert.Equal("hive", catalogDto.GetProperty("catalog").GetProperty("provider").GetString());
        Assert.Equal(["audit", "comment", "name", "properties"], JsonProbe.Names(schemaDto.GetProperty("schema")));
        Assert.Equal(["code", "identifiers"], JsonProbe.Names(catalogIds));
        var id = Assert.Single(catalogIds.GetProperty("identifiers").EnumerateArray());
        Assert.Equal(["name", "namespace"], JsonProbe.Names(id));
        Assert.Equal([lake.Identifier.Name], id.GetProperty("namespace").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("c", id.GetProperty("name").GetString());
        Assert.Equal(["catalogs", "code"], JsonProbe.Names(catalogDetails));
        Assert.Equal("c", Assert.Single(catalogDetails.GetProperty("catalogs").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal([lake.Identifier.Name, "c"], Assert.Single(schemaIds.GetProperty("identifiers").EnumerateArray()).GetProperty("namespace").EnumerateArray().Select(l => l.GetString()));
        Assert.Contains(metalakes.GetProperty("metalakes").EnumerateArray(), m => m.GetProperty("name").GetString() == lake.Identifier.Name);
    }

    [Fact]
    public async Task Filesets_topics_models_versions_tags_and_policies_are_their_DTOs_in_their_envelopes()
    {
        var lake = EntityKey.Metalake(Payloads.Unique("lake"));
        await fixture.Catalog.CreateAsync(lake, Payloads.Metalake());
        var files = await CreateSchemaAsync(lake, "files", CatalogType.Fileset);
        var topics = await CreateSchemaAsync(lake, "topics", CatalogType.Messaging);
        var models = await CreateSchemaAsync(lake, "models", CatalogType.Model);
        var fileset = files.Child(EntityKind.Fileset, "raw");
        var topic = topics.Child(EntityKind.Topic, "events");
        var model = models.Child(EntityKind.Model, "ranker");
        var tag = lake.Child(EntityKind.Tag, "pii");
        var policy = lake.Child(EntityKind.Policy, "compaction");
        await fixture.Catalog.CreateAsync(fileset, new FilesetPayload { StorageLocation = "s3://bucket/raw", Type = FilesetType.External });
        await fixture.Catalog.CreateAsync(topic, new TopicPayload { Properties = ImmutableDictionary<string, string>.Empty.Add("partition-count", "3") });
        await fixture.Catalog.CreateAsync(model, new ModelPayload { Comment = "ranks" });
        await fixture.Catalog.CreateAsync(model.Child(EntityKind.ModelVersion, "0"), new ModelVersionPayload { Uri = "s3://m/0" });
        await fixture.Catalog.CreateAsync(model.Child(EntityKind.ModelVersion, "1"), new ModelVersionPayload { Uri = "s3://m/1", Aliases = ["prod"] });
        await fixture.Catalog.CreateAsync(tag, new TagPayload { Comment = "personal data" });
        await fixture.Catalog.CreateAsync(policy, new PolicyPayload { PolicyType = "custom", Enabled = false, Content = "{\"rule1\":123}" });

        var (_, filesetBody) = await GetAsync(Path(fileset));
        var (_, topicBody) = await GetAsync(Path(topic));
        var (_, modelBody) = await GetAsync(Path(model));
        var (_, versionBody) = await GetAsync(Path(model) + "/versions/1");
        var (_, aliasBody) = await GetAsync(Path(model) + "/aliases/prod");
        var (_, versions) = await GetAsync(Path(model) + "/versions");
        var (_, versionInfos) = await GetAsync(Path(model) + "/versions?details=true");
        var (_, tagBody) = await GetAsync(Path(tag));
        var (_, tagNames) = await GetAsync(Path(lake) + "/tags");
        var (_, tagDetails) = await GetAsync(Path(lake) + "/tags?details=true");
        var (_, policyBody) = await GetAsync(Path(policy));
        var (_, policyNames) = await GetAsync(Path(lake) + "/policies");

        var filesetDto = filesetBody.GetProperty("fileset");
        Assert.Equal(["audit", "comment", "name", "properties", "storageLocation", "storageLocations", "type"], JsonProbe.Names(filesetDto));
        Assert.Equal("external", filesetDto.GetProperty("type").GetString());
        Assert.Equal("s3://bucket/raw", filesetDto.GetProperty("storageLocation").GetString());
        Assert.Equal(["audit", "comment", "name", "properties"], JsonProbe.Names(topicBody.GetProperty("topic")));
        Assert.Equal("3", topicBody.GetProperty("topic").GetProperty("properties").GetProperty("partition-count").GetString());
        Assert.Equal(["audit", "comment", "latestVersion", "name", "properties"], JsonProbe.Names(modelBody.GetProperty("model")));
        Assert.Equal(2, modelBody.GetProperty("model").GetProperty("latestVersion").GetInt32());
        var version = versionBody.GetProperty("modelVersion");
        Assert.Equal(["aliases", "audit", "comment", "properties", "uri", "uris", "version"], JsonProbe.Names(version));
        Assert.Equal(1, version.GetProperty("version").GetInt32());
        Assert.Equal(["prod"], version.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(1, aliasBody.GetProperty("modelVersion").GetProperty("version").GetInt32());
        Assert.Equal([0, 1], versions.GetProperty("versions").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(2, versionInfos.GetProperty("infos").GetArrayLength());
        Assert.Equal(["audit", "comment", "inherited", "name", "properties"], JsonProbe.Names(tagBody.GetProperty("tag")));
        Assert.Equal(["code", "names"], JsonProbe.Names(tagNames));
        Assert.Equal(["pii"], tagNames.GetProperty("names").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal("pii", Assert.Single(tagDetails.GetProperty("tags").EnumerateArray()).GetProperty("name").GetString());
        var policyDto = policyBody.GetProperty("policy");
        Assert.Equal(["audit", "comment", "content", "enabled", "inherited", "name", "policyType"], JsonProbe.Names(policyDto));
        Assert.False(policyDto.GetProperty("enabled").GetBoolean());
        Assert.Equal(123, policyDto.GetProperty("content").GetProperty("customRules").GetProperty("rule1").GetInt32());
        Assert.True(policyDto.GetProperty("content").GetProperty("supportedObjectTypes").GetArrayLength() > 0);
        Assert.Equal(["compaction"], policyNames.GetProperty("names").EnumerateArray().Select(n => n.GetString()));
        AssertAudit(filesetDto);
    }

    [Fact]
    public async Task The_server_version_is_Gravitinos_VersionResponse_as_its_clients_ask_for_it_first()
    {
        var (status, body) = await GetAsync("version");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["code", "version"], JsonProbe.Names(body));
        Assert.Equal(["compileDate", "gitCommit", "version"], JsonProbe.Names(body.GetProperty("version")));
        Assert.Equal("1.0.0", body.GetProperty("version").GetProperty("version").GetString());
    }

    [Fact]
    public async Task A_missing_entity_is_404_code_1003_named_after_the_highest_missing_level()
    {
        var schema = await CreateSchemaAsync();

        var (tableStatus, table) = await GetAsync(Path(schema) + "/tables/nope");
        var (schemaStatus, underMissingSchema) = await GetAsync(Path(schema.Parent) + "/schemas/nope/tables/t");
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

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Fact]
    public async Task Writes_and_unserved_paths_get_the_unsupported_operation_error_without_an_upstream()
    {
        var lake = Payloads.Unique("lake");
        using var create = await fixture.Http.PostAsync("metalakes", new StringContent($"{{\"name\":\"{lake}\"}}", System.Text.Encoding.UTF8, "application/json"));
        using var unserved = await fixture.Http.GetAsync("metalakes/lake/objects/table/a.b.c/tags");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, create.StatusCode);
        AssertError(await ParseAsync(create), 1006, "UnsupportedOperationException");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, unserved.StatusCode);
        AssertError(await ParseAsync(unserved), 1006, "UnsupportedOperationException");
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

    internal static string Path(EntityKey key)
    {
        var l = key.Identifier.Levels;
        return key.Kind switch
        {
            EntityKind.Metalake => $"metalakes/{l[0]}",
            EntityKind.Catalog => $"metalakes/{l[0]}/catalogs/{l[1]}",
            EntityKind.Schema => $"metalakes/{l[0]}/catalogs/{l[1]}/schemas/{l[2]}",
            EntityKind.Tag => $"metalakes/{l[0]}/tags/{l[1]}",
            EntityKind.Policy => $"metalakes/{l[0]}/policies/{l[1]}",
            EntityKind.ModelVersion => $"{Path(key.Parent)}/versions/{l[4]}",
            var kind => $"metalakes/{l[0]}/catalogs/{l[1]}/schemas/{l[2]}/{EntityKindTokens.ToToken(kind)}s/{l[3]}",
        };
    }

    private async Task<EntityKey> CreateSchemaAsync(EntityKey? lake = null, string catalog = "c", CatalogType type = CatalogType.Relational)
    {
        if (lake is null)
        {
            lake = EntityKey.Metalake(Payloads.Unique("lake"));
            await fixture.Catalog.CreateAsync(lake, Payloads.Metalake());
        }

        var catalogKey = lake.Child(EntityKind.Catalog, catalog);
        await fixture.Catalog.CreateAsync(catalogKey, Payloads.Catalog(type));
        var schema = catalogKey.Child(EntityKind.Schema, "s");
        await fixture.Catalog.CreateAsync(schema, Payloads.Schema());
        return schema;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path)
    {
        using var response = await fixture.Http.GetAsync(path);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, await ParseAsync(response));
    }

    internal static async Task<JsonElement> ParseAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    private static void AssertError(JsonElement body, int code, string type)
    {
        Assert.Equal(["code", "message", "type"], JsonProbe.Names(body));
        Assert.Equal(code, body.GetProperty("code").GetInt32());
        Assert.Equal(type, body.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("message").GetString()));
    }

    private static void AssertAudit(JsonElement dto)
    {
        var audit = dto.GetProperty("audit");
        Assert.Equal(AuditFields, JsonProbe.Names(audit));
        Assert.Equal("anonymous", audit.GetProperty("creator").GetString());
        var created = audit.GetProperty("createTime").GetString()!;
        Assert.EndsWith("Z", created, StringComparison.Ordinal);
        Assert.True(DateTimeOffset.TryParse(created, System.Globalization.CultureInfo.InvariantCulture, out var at));
        Assert.True(at > DateTimeOffset.UtcNow.AddHours(-1) && at <= DateTimeOffset.UtcNow.AddMinutes(1));
    }
}
