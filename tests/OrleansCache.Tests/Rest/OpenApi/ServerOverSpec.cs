using System.Text.Json.Nodes;

namespace OrleansCache.Tests.Rest.OpenApi;

/// <summary>
/// Where Gravitino's OpenAPI files are wrong about what its server sends, the server wins: each entry
/// changes the vendored schema to what the server writes, and says why. The vendored files stay as
/// Gravitino published them; these changes are made when a file is read.
/// </summary>
internal static class ServerOverSpec
{
    private static readonly Exception[] Exceptions =
    [
        new("indexes.yaml", "/components/schemas/IndexSpec/properties/indexType",
            // JsonUtils.IndexSerializer writes value.type().name().toUpperCase(Locale.ROOT): PRIMARY_KEY, not primary_key.
            "the server writes an index type in upper case (JsonUtils.IndexSerializer)",
            schema => schema["enum"] = new JsonArray([.. schema["enum"]!.AsArray().Select(value => (JsonNode?)value!.GetValue<string>().ToUpperInvariant())])),
        new("policies.yaml", "/components/schemas/PolicyContentBase/properties/supportedObjectTypes/items",
            // PolicyContentDTO.CustomContentDTO holds Set<MetadataObject.Type>, a plain enum, and
            // ObjectMapperProvider turns on EnumFeature.WRITE_ENUMS_TO_LOWERCASE: "catalog", not "CATALOG".
            "the server writes MetadataObject.Type in lower case (ObjectMapperProvider, WRITE_ENUMS_TO_LOWERCASE)",
            schema => schema["enum"] = new JsonArray([.. schema["enum"]!.AsArray().Select(value => (JsonNode?)value!.GetValue<string>().ToLowerInvariant())])),
        new("topics.yaml", "/components/schemas/Topic/properties",
            // TopicDTO declares @JsonProperty("audit") AuditDTO audit, and the server fills it; the file omits it.
            "the server writes a topic's audit (TopicDTO), which the file leaves out",
            properties => properties["audit"] = Audit()),
        new("tables.yaml", "/components/schemas/Distribution/properties/strategy",
            // A table without a distribution gets DistributionDTO.NONE (DTOConverters.toDTO), written by
            // JsonUtils.DistributionSerializer as {"strategy":"none","number":0,"funcArgs":[]}.
            "the server writes a table without a distribution as strategy 'none' (DistributionDTO.NONE)",
            strategy => strategy["enum"]!.AsArray().Add("none")),
        new("filesets.yaml", "/components/schemas/Fileset/properties",
            // FilesetDTO declares storageLocations (the named locations; the unnamed one under "unknown")
            // and audit, and the server fills both; the file lists neither.
            "the server writes a fileset's storageLocations and audit (FilesetDTO), which the file leaves out",
            properties =>
            {
                properties["storageLocations"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "string" } };
                properties["audit"] = Audit();
            }),
        new("expression.yaml", "/components/schemas/FunctionArg/oneOf",
            // JsonUtils.writeFunctionArg writes an UnparsedExpression as {"type":"unparsed","unparsedExpression":…}
            // (a column default, a partitioning or sort argument Gravitino could not parse); the file has no such alternative.
            "the server writes an unparsed expression as a function argument (JsonUtils.writeFunctionArg)",
            alternatives => alternatives.AsArray().Add(new JsonObject
            {
                ["type"] = "object",
                ["required"] = new JsonArray("type", "unparsedExpression"),
                ["properties"] = new JsonObject
                {
                    ["type"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("unparsed") },
                    ["unparsedExpression"] = new JsonObject { ["type"] = "string" },
                },
            })),
        new("catalogs.yaml", "/components/schemas/Catalog/properties/provider",
            // The file says a fileset or model catalog needs no provider when created; the server then
            // names it "fileset" or "model" (CatalogDTO.provider is always set), which this enum leaves out.
            "the server names a fileset or a model catalog's provider 'fileset' or 'model'",
            provider =>
            {
                provider["enum"]!.AsArray().Add("fileset");
                provider["enum"]!.AsArray().Add("model");
            }),
    ];

    /// <summary>What each exception changes and why, for a test's message.</summary>
    public static IEnumerable<string> Reasons => Exceptions.Select(e => $"{e.File}#{e.Pointer}: {e.Reason}");

    /// <summary>Applies the exceptions that concern <paramref name="file"/> to its parsed content.</summary>
    public static void Apply(string file, JsonNode content)
    {
        foreach (var exception in Exceptions.Where(e => e.File == file))
        {
            var node = content;
            foreach (var key in exception.Pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                node = node[key] ?? throw new InvalidOperationException(
                    $"Gravitino's {file} no longer has {exception.Pointer}: review the exception '{exception.Reason}'.");
            }

            exception.Change(node);
        }
    }

    private static JsonObject Audit() => new() { ["$ref"] = "./openapi.yaml#/components/schemas/Audit" };

    private sealed record Exception(string File, string Pointer, string Reason, Action<JsonNode> Change);
}
