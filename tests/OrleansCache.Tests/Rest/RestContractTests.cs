using System.Collections.Immutable;
using System.Net;
using System.Text.Json;
using OrleansCache.Entities;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Rest;

/// <summary>
/// The read API against Gravitino's documented shapes (docs/open-api/*.yaml and its DTOs): envelopes,
/// fields, identifier lists, audit objects, the version response (errors: <see cref="RestErrorTests"/>). A real silo process
/// serves real HTTP; entities are created through the .NET client.
/// </summary>
[Collection(RestSiloCollection.Name)]
[Trait("Category", "Process")]
public sealed class RestContractTests(RestSiloFixture fixture)
{
    // AuditDTO's fields in their declared order, which Gravitino's server writes them in.
    private static readonly string[] AuditFields = ["creator", "createTime", "lastModifier", "lastModifiedTime"];

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
            ],
            Partitioning = ["day(ts)"],
            SortOrders = ["id DESC"],
            Distribution = "hash(id) 8",
            Indexes = ["PRIMARY KEY (id)"],
            Properties = ImmutableDictionary<string, string>.Empty.Add("format", "parquet"),
        });

        var (status, body) = await GetAsync(RestCalls.Path(table));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["code", "table"], JsonProbe.Members(body));
        Assert.Equal(0, body.GetProperty("code").GetInt32());
        var dto = body.GetProperty("table");
        Assert.Equal(["name", "comment", "columns", "properties", "audit", "distribution", "sortOrders", "partitioning", "indexes"], JsonProbe.Members(dto));
        Assert.Equal("orders", dto.GetProperty("name").GetString());
        Assert.Equal("the orders", dto.GetProperty("comment").GetString());
        Assert.Equal("parquet", dto.GetProperty("properties").GetProperty("format").GetString());
        var columns = dto.GetProperty("columns").EnumerateArray().ToArray();
        Assert.Equal(["name", "type", "comment", "nullable", "autoIncrement"], JsonProbe.Members(columns[0]));
        Assert.Equal(["name", "type", "nullable", "autoIncrement"], JsonProbe.Members(columns[1]));
        Assert.Equal("long", columns[0].GetProperty("type").GetString());
        Assert.False(columns[0].GetProperty("nullable").GetBoolean());
        Assert.Equal("key", columns[0].GetProperty("comment").GetString());
        Assert.Equal("decimal(10,2)", columns[1].GetProperty("type").GetString());
        Assert.Equal("map", columns[2].GetProperty("type").GetProperty("type").GetString());
        Assert.Equal("day", dto.GetProperty("partitioning")[0].GetProperty("strategy").GetString());
        Assert.Equal("desc", dto.GetProperty("sortOrders")[0].GetProperty("direction").GetString());
        Assert.Equal(8, dto.GetProperty("distribution").GetProperty("number").GetInt32());
        Assert.Equal("PRIMARY_KEY", dto.GetProperty("indexes")[0].GetProperty("indexType").GetString());
        AssertAudit(dto);
    }

    [Fact]
    public async Task Metalakes_catalogs_and_schemas_are_their_DTOs_and_lists_are_identifiers_or_details()
    {
        var schema = await CreateSchemaAsync();
        var catalog = schema.Parent;
        var lake = catalog.Parent;

        var (_, metalake) = await GetAsync(RestCalls.Path(lake));
        var (_, catalogDto) = await GetAsync(RestCalls.Path(catalog));
        var (_, schemaDto) = await GetAsync(RestCalls.Path(schema));
        var (_, catalogIds) = await GetAsync(RestCalls.Path(lake) + "/catalogs");
        var (_, catalogDetails) = await GetAsync(RestCalls.Path(lake) + "/catalogs?details=true");
        var (_, schemaIds) = await GetAsync(RestCalls.Path(catalog) + "/schemas");
        var (_, metalakes) = await GetAsync("metalakes");

        Assert.Equal(["name", "properties", "audit"], JsonProbe.Members(metalake.GetProperty("metalake")));
        Assert.Equal(["name", "type", "provider", "properties", "audit"], JsonProbe.Members(catalogDto.GetProperty("catalog")));
        Assert.Equal("relational", catalogDto.GetProperty("catalog").GetProperty("type").GetString());
        Assert.Equal("hive", catalogDto.GetProperty("catalog").GetProperty("provider").GetString());
        Assert.Equal(["name", "comment", "properties", "audit"], JsonProbe.Members(schemaDto.GetProperty("schema")));
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

        var (_, filesetBody) = await GetAsync(RestCalls.Path(fileset));
        var (_, topicBody) = await GetAsync(RestCalls.Path(topic));
        var (_, modelBody) = await GetAsync(RestCalls.Path(model));
        var (_, versionBody) = await GetAsync(RestCalls.Path(model) + "/versions/1");
        var (_, aliasBody) = await GetAsync(RestCalls.Path(model) + "/aliases/prod");
        var (_, versions) = await GetAsync(RestCalls.Path(model) + "/versions");
        var (_, versionInfos) = await GetAsync(RestCalls.Path(model) + "/versions?details=true");
        var (_, tagBody) = await GetAsync(RestCalls.Path(tag));
        var (_, tagNames) = await GetAsync(RestCalls.Path(lake) + "/tags");
        var (_, tagDetails) = await GetAsync(RestCalls.Path(lake) + "/tags?details=true");
        var (_, policyBody) = await GetAsync(RestCalls.Path(policy));
        var (_, policyNames) = await GetAsync(RestCalls.Path(lake) + "/policies");

        var filesetDto = filesetBody.GetProperty("fileset");
        Assert.Equal(["name", "type", "storageLocation", "storageLocations", "properties", "audit"], JsonProbe.Members(filesetDto));
        Assert.Equal("external", filesetDto.GetProperty("type").GetString());
        Assert.Equal("s3://bucket/raw", filesetDto.GetProperty("storageLocation").GetString());
        Assert.Equal(["name", "properties", "audit"], JsonProbe.Members(topicBody.GetProperty("topic")));
        Assert.Equal("3", topicBody.GetProperty("topic").GetProperty("properties").GetProperty("partition-count").GetString());
        Assert.Equal(["name", "comment", "properties", "latestVersion", "audit"], JsonProbe.Members(modelBody.GetProperty("model")));
        Assert.Equal(2, modelBody.GetProperty("model").GetProperty("latestVersion").GetInt32());
        var version = versionBody.GetProperty("modelVersion");
        Assert.Equal(["version", "aliases", "uri", "uris", "properties", "audit"], JsonProbe.Members(version));
        Assert.Equal(1, version.GetProperty("version").GetInt32());
        Assert.Equal(["prod"], version.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(1, aliasBody.GetProperty("modelVersion").GetProperty("version").GetInt32());
        Assert.Equal([0, 1], versions.GetProperty("versions").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(2, versionInfos.GetProperty("infos").GetArrayLength());
        Assert.Equal(["name", "comment", "properties", "audit", "inherited"], JsonProbe.Members(tagBody.GetProperty("tag")));
        Assert.Equal(["code", "names"], JsonProbe.Names(tagNames));
        Assert.Equal(["pii"], tagNames.GetProperty("names").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal("pii", Assert.Single(tagDetails.GetProperty("tags").EnumerateArray()).GetProperty("name").GetString());
        var policyDto = policyBody.GetProperty("policy");
        Assert.Equal(["name", "policyType", "enabled", "content", "inherited", "audit"], JsonProbe.Members(policyDto));
        Assert.Equal(["customRules", "properties", "supportedObjectTypes"], JsonProbe.Members(policyDto.GetProperty("content")));
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

    private Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path) => RestCalls.GetAsync(fixture.Http, path);

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

    private static void AssertAudit(JsonElement dto)
    {
        var audit = dto.GetProperty("audit");
        Assert.Equal(AuditFields, JsonProbe.Members(audit));
        Assert.Equal("anonymous", audit.GetProperty("creator").GetString());
        var created = audit.GetProperty("createTime").GetString()!;
        Assert.EndsWith("Z", created, StringComparison.Ordinal);
        Assert.True(DateTimeOffset.TryParse(created, System.Globalization.CultureInfo.InvariantCulture, out var at));
        Assert.True(at > DateTimeOffset.UtcNow.AddHours(-1) && at <= DateTimeOffset.UtcNow.AddMinutes(1));
    }
}
