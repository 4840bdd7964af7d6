using System.Collections.Immutable;
using System.Text.Json;
using OrleansCache.Entities;
using OrleansCache.Naming;
using OrleansCache.Rest.Api;
using OrleansCache.Tests.Infrastructure;
using OrleansCache.Tests.Rest.OpenApi;

namespace OrleansCache.Tests.Rest;

/// <summary>
/// Every GET route the REST API serves, answered by a real silo, against the schema Gravitino's own
/// OpenAPI files (vendored, <c>Rest/OpenApi</c>) give for that route and status: every entity kind,
/// every list with and without <c>details=true</c>, and the error statuses (404 for every kind, 400,
/// 405; 406 has no JSON body, in Gravitino either: <see cref="RestErrorTests"/>; 401:
/// <see cref="UpstreamTests"/>; 500 and 502: <see cref="OpenApiSchemaTranslationTests"/>). No body may carry a null member, but where Gravitino's server writes one too. A route
/// that drifts from Gravitino's shape fails here.
/// </summary>
[Collection(RestSiloCollection.Name)]
[Trait("Category", "Process")]
public sealed class OpenApiContractTests(RestSiloFixture fixture)
{
    private const string Lake = "/metalakes/{metalake}";
    private const string Schema = Lake + "/catalogs/{catalog}/schemas/{schema}";
    private const string Model = Schema + "/models/{model}";

    [Fact]
    public async Task Every_served_GET_route_answers_as_Gravitinos_OpenAPI_files_describe()
    {
        var lake = await CreateCatalogAsync();
        var m = $"metalakes/{lake.Identifier.Name}";
        var (rel, files, topics, models) = ($"{m}/catalogs/rel/schemas/s", $"{m}/catalogs/files/schemas/s", $"{m}/catalogs/topics/schemas/s", $"{m}/catalogs/models/schemas/s");
        Call[] calls =
        [
            .. List("/metalakes", "metalakes"),
            new("/metalakes/{name}", m),
            .. List(Lake + "/catalogs", $"{m}/catalogs"),
            new(Lake + "/catalogs/{catalog}", $"{m}/catalogs/rel"),
            new(Lake + "/catalogs/{catalog}", $"{m}/catalogs/files"),
            .. List(Lake + "/catalogs/{catalog}/schemas", $"{m}/catalogs/rel/schemas"),
            new(Schema, rel),
            .. List(Schema + "/tables", $"{rel}/tables"),
            new(Schema + "/tables/{table}", $"{rel}/tables/orders"),
            new(Schema + "/tables/{table}", $"{rel}/tables/plain"),
            .. List(Schema + "/filesets", $"{files}/filesets"),
            new(Schema + "/filesets/{fileset}", $"{files}/filesets/raw"),
            .. List(Schema + "/topics", $"{topics}/topics"),
            new(Schema + "/topics/{topic}", $"{topics}/topics/tp"),
            new(Schema + "/topics/{topic}", $"{topics}/topics/commented"),
            .. List(Schema + "/models", $"{models}/models"),
            new(Model, $"{models}/models/ranker"),
            .. List(Model + "/versions", $"{models}/models/ranker/versions"),
            new(Model + "/versions/{version}", $"{models}/models/ranker/versions/0"),
            new(Model + "/versions/{version}", $"{models}/models/ranker/versions/1"),
            new(Model + "/aliases/{alias}", $"{models}/models/ranker/aliases/prod"),
            .. List(Lake + "/tags", $"{m}/tags"),
            new(Lake + "/tags/{tag}", $"{m}/tags/pii"),
            .. List(Lake + "/policies", $"{m}/policies"),
            new(Lake + "/policies/{policy}", $"{m}/policies/compaction"),

            // 404 for every kind, named after the highest missing level, and for a list under a missing container.
            new("/metalakes/{name}", "metalakes/no_such_lake", 404),
            new(Lake + "/catalogs", "metalakes/no_such_lake/catalogs", 404),
            new(Lake + "/catalogs/{catalog}", $"{m}/catalogs/nope", 404),
            new(Lake + "/catalogs/{catalog}/schemas", $"{m}/catalogs/nope/schemas", 404),
            new(Schema, $"{m}/catalogs/rel/schemas/nope", 404),
            new(Schema + "/tables", $"{m}/catalogs/rel/schemas/nope/tables", 404),
            new(Schema + "/tables/{table}", $"{rel}/tables/nope", 404),
            new(Schema + "/filesets", $"{m}/catalogs/files/schemas/nope/filesets", 404),
            new(Schema + "/filesets/{fileset}", $"{files}/filesets/nope", 404),
            new(Schema + "/topics", $"{m}/catalogs/topics/schemas/nope/topics", 404),
            new(Schema + "/topics/{topic}", $"{topics}/topics/nope", 404),
            new(Schema + "/models", $"{m}/catalogs/models/schemas/nope/models", 404),
            new(Model, $"{models}/models/nope", 404),
            new(Model + "/versions", $"{models}/models/nope/versions", 404),
            new(Model + "/versions/{version}", $"{models}/models/ranker/versions/9", 404),
            new(Model + "/aliases/{alias}", $"{models}/models/ranker/aliases/nope", 404),
            new(Lake + "/tags", "metalakes/no_such_lake/tags", 404),
            new(Lake + "/tags/{tag}", $"{m}/tags/nope", 404),
            new(Lake + "/policies", "metalakes/no_such_lake/policies", 404),
            new(Lake + "/policies/{policy}", $"{m}/policies/nope", 404),

            // 400: a name that breaks the naming rules; 405: a GET Gravitino serves and the cache does not.
            new(Lake + "/catalogs/{catalog}", $"{m}/catalogs/bad%20name", 400),
            new(Schema + "/tables/{table}", $"{rel}/tables/bad%20name", 400),
            new(Schema + "/tables/{table}/partitions", $"{rel}/tables/orders/partitions", 405),
        ];

        var failures = new List<string>();
        foreach (var call in calls)
        {
            failures.AddRange((await CheckAsync(call)).Select(problem => $"GET /api/{call.Path} ({call.Template}, {call.Status}): {problem}"));
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures.Prepend($"{failures.Count} problems; exceptions taken from the server over the spec:\n  "
            + string.Join("\n  ", ServerOverSpec.Reasons))));
        AssertEveryServedRouteIsCalled(calls);
    }

    private static Call[] List(string template, string path) => [new(template, path), new(template, path + "?details=true")];

    private async Task<IEnumerable<string>> CheckAsync(Call call)
    {
        using var response = await fixture.Http.GetAsync(call.Path);
        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != call.Status)
        {
            return [$"answered {(int)response.StatusCode}: {text}"];
        }

        JsonElement body;
        try
        {
            using var document = JsonDocument.Parse(text);
            body = document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            return [$"not JSON ({exception.Message}): {text}"];
        }

        // A status the route does not document (405 for a route Gravitino serves) is still Gravitino's ErrorModel.
        var schema = GravitinoOpenApi.Vendored.ResponseSchema(call.Template, call.Status)
            ?? (call.Status >= 400 ? GravitinoOpenApi.Vendored.ComponentSchema("openapi.yaml", "ErrorModel") : null);
        if (schema is null)
        {
            return [$"Gravitino documents no {call.Status} for this route"];
        }

        return [.. ResponseConformance.Violations(schema, body), .. ResponseConformance.NullMembers(body).Select(path => $"null member {path}"),
            .. response.Content.Headers.ContentType?.MediaType == "application/json" ? [] : new[] { $"content type {response.Content.Headers.ContentType}" }];
    }

    /// <summary>Every (action, kind) the API's route parser serves is among the calls, so a new route cannot go unchecked.</summary>
    private static void AssertEveryServedRouteIsCalled(IEnumerable<Call> calls)
    {
        EntityKind[] kinds = [.. Enum.GetValues<EntityKind>().Where(kind => kind != EntityKind.Root)];
        var served = kinds.Select(kind => (RouteAction.Load, kind)).Concat(kinds.Select(kind => (RouteAction.List, kind))).Append((RouteAction.LoadByAlias, EntityKind.ModelVersion));
        var called = calls.Where(call => call.Status == 200)
            .Select(call => ApiRoute.Parse("/" + call.Path.Split('?')[0]) ?? throw new InvalidOperationException($"{call.Path} is not a served route."))
            .Select(route => (route.Action, route.Kind))
            .ToHashSet();
        var missing = served.Where(route => !called.Contains(route)).ToList();
        Assert.True(missing.Count == 0, $"Served but not called: {string.Join(", ", missing)}");
        Assert.Equal(calls.Count(call => call.Status == 200 && ApiRoute.Parse("/" + call.Path.Split('?')[0])!.Action == RouteAction.List),
            2 * calls.Count(call => call.Status == 200 && call.Path.EndsWith("?details=true", StringComparison.Ordinal)));
    }

    /// <summary>A metalake with a catalog of each type, and in them every kind, with and without comments, and a table using every layout shape.</summary>
    private async Task<EntityKey> CreateCatalogAsync()
    {
        var lake = EntityKey.Metalake(Payloads.Unique("lake"));
        var catalog = fixture.Catalog;
        await catalog.CreateAsync(lake, Payloads.Metalake());
        var schemas = new Dictionary<string, EntityKey>();
        foreach (var (name, type) in new[] { ("rel", CatalogType.Relational), ("files", CatalogType.Fileset), ("topics", CatalogType.Messaging), ("models", CatalogType.Model) })
        {
            var key = lake.Child(EntityKind.Catalog, name);
            // The providers Gravitino's server names these catalogs with.
            var provider = type switch { CatalogType.Relational => "hive", CatalogType.Messaging => "kafka", _ => name == "files" ? "fileset" : "model" };
            await catalog.CreateAsync(key, Payloads.Catalog(type) with { Provider = provider, Comment = name == "rel" ? "relational" : null });
            schemas[name] = key.Child(EntityKind.Schema, "s");
            await catalog.CreateAsync(schemas[name], name == "rel" ? Payloads.Schema() : new SchemaPayload());
        }

        await catalog.CreateAsync(schemas["rel"].Child(EntityKind.Table, "orders"), new TablePayload
        {
            Comment = "the orders",
            Columns =
            [
                new Column { Name = "id", DataType = "bigint", Nullable = false, Comment = "key", AutoIncrement = true },
                new Column { Name = "name", DataType = "varchar(255)", DefaultValue = "'none'" },
                new Column { Name = "price", DataType = "decimal(10,2)" },
                new Column { Name = "ts", DataType = "timestamp" },
                new Column { Name = "tags", DataType = "map<string,array<int>>" },
                new Column { Name = "point", DataType = "struct<x:double,y:double>" },
                new Column { Name = "either", DataType = "union<int,string>" },
                new Column { Name = "shape", DataType = "geometry" },
            ],
            Partitioning = ["day(ts)", "bucket(4, id)", "truncate(10, name)", "name", "toYYYYMM(ts, 'x', 3)"],
            SortOrders = ["id DESC NULLS LAST", "name"],
            Distribution = "hash(id) 8",
            Indexes = ["PRIMARY KEY (id)", "UNIQUE KEY uk_name (name)"],
            Properties = ImmutableDictionary<string, string>.Empty.Add("format", "parquet"),
        });
        await catalog.CreateAsync(schemas["rel"].Child(EntityKind.Table, "plain"), Payloads.Table("id"));
        await catalog.CreateAsync(schemas["files"].Child(EntityKind.Fileset, "raw"), new FilesetPayload { StorageLocation = "s3://bucket/raw", Type = FilesetType.External });
        await catalog.CreateAsync(schemas["topics"].Child(EntityKind.Topic, "tp"), new TopicPayload());
        await catalog.CreateAsync(schemas["topics"].Child(EntityKind.Topic, "commented"), new TopicPayload { Comment = "events", Properties = ImmutableDictionary<string, string>.Empty.Add("partition-count", "3") });
        var model = schemas["models"].Child(EntityKind.Model, "ranker");
        await catalog.CreateAsync(model, new ModelPayload { Comment = "ranks" });
        await catalog.CreateAsync(model.Child(EntityKind.ModelVersion, "0"), new ModelVersionPayload { Uri = "s3://m/0" });
        await catalog.CreateAsync(model.Child(EntityKind.ModelVersion, "1"), new ModelVersionPayload { Uri = "s3://m/1", Aliases = ["prod"], Comment = "best" });
        await catalog.CreateAsync(lake.Child(EntityKind.Tag, "pii"), new TagPayload { Comment = "personal data" });
        await catalog.CreateAsync(lake.Child(EntityKind.Policy, "compaction"), new PolicyPayload { PolicyType = "custom", Enabled = false, Content = "{\"rule1\":123}" });
        return lake;
    }

    /// <summary>One GET: the route as Gravitino's openapi.yaml names it, the path under <c>/api/</c>, the status it must answer.</summary>
    private sealed record Call(string Template, string Path, int Status = 200);
}
