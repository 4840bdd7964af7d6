using System.Text.Json.Nodes;
using Json.Schema;

namespace OrleansCache.Tests.Rest.OpenApi;

/// <summary>
/// Turns an OpenAPI 3.0 schema of Gravitino's files into one JSON Schema (draft 2020-12) document:
/// every <c>$ref</c>, in any of the files, becomes an entry of <c>$defs</c> (so recursive types such
/// as a struct of structs stay finite). OpenAPI's dialect is translated, and made strict:
/// <list type="bullet">
/// <item><c>nullable: true</c> adds <c>null</c> to the type; without it a <c>null</c> fails, as a
/// <c>"comment":null</c> where Gravitino's schema says string must.</item>
/// <item>An object schema that lists its properties (and says nothing of others) gets
/// <c>unevaluatedProperties: false</c>, so a member Gravitino does not document fails; the parts of an
/// <c>allOf</c> stay open, their whole is closed (unevaluatedProperties sees through allOf).</item>
/// <item><c>format: date-time</c> is checked; OpenAPI-only keywords (<c>discriminator</c>,
/// <c>example</c>, <c>xml</c>, <c>externalDocs</c>) and OpenAPI's numeric formats are dropped.</item>
/// </list>
/// </summary>
internal sealed class OpenApiSchemaTranslation(GravitinoOpenApi spec)
{
    private static readonly HashSet<string> Dropped = new(StringComparer.Ordinal) { "nullable", "discriminator", "example", "examples", "xml", "externalDocs" };
    private static readonly string[] SchemaLists = ["allOf", "oneOf", "anyOf"];
    private readonly JsonObject _defs = [];
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    /// <summary>Evaluation options that make <c>format</c> a check rather than an annotation.</summary>
    public static EvaluationOptions Strict { get; } = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    /// <summary>The schema <paramref name="schema"/> (found in <paramref name="file"/>) as JSON Schema.</summary>
    public JsonSchema ToJsonSchema(string file, JsonNode schema)
    {
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["allOf"] = new JsonArray(Translate(file, schema, open: false)),
        };
        root["$defs"] = _defs;
        return JsonSchema.FromText(root.ToJsonString());
    }

    private JsonNode Translate(string file, JsonNode? node, bool open)
    {
        if (node is not JsonObject source)
        {
            // true/false schemas and the like pass through.
            return node?.DeepClone() ?? throw new InvalidOperationException($"A null schema in {file}.");
        }

        if (source["$ref"] is JsonValue reference)
        {
            // OpenAPI 3.0 ignores a $ref's siblings; Gravitino's files still put nullable next to one.
            var target = Reference(file, reference.GetValue<string>(), open);
            return Nullable(source) ? new JsonObject { ["anyOf"] = new JsonArray(target, new JsonObject { ["type"] = "null" }) } : target;
        }

        var result = new JsonObject();
        foreach (var (key, value) in source)
        {
            switch (key)
            {
                case var dropped when Dropped.Contains(dropped):
                    break;
                case "format":
                    if (value?.GetValue<string>() == "date-time")
                    {
                        result[key] = "date-time";
                    }

                    break;
                case "properties":
                    result[key] = new JsonObject(((JsonObject)value!).Select(property =>
                        KeyValuePair.Create(property.Key, (JsonNode?)Translate(file, property.Value, open: false))));
                    break;
                case "items" or "not":
                    result[key] = Translate(file, value, open: false);
                    break;
                case "additionalProperties":
                    result[key] = value is JsonObject ? Translate(file, value, open: false) : value?.DeepClone();
                    break;
                case var list when SchemaLists.Contains(list):
                    result[key] = new JsonArray([.. ((JsonArray)value!).Select(part => Translate(file, part, open: key == "allOf"))]);
                    break;
                default:
                    result[key] = value?.DeepClone();
                    break;
            }
        }

        if (!open && (result.ContainsKey("properties") || result.ContainsKey("allOf")) && !result.ContainsKey("additionalProperties"))
        {
            result["unevaluatedProperties"] = false;
        }

        if (!Nullable(source))
        {
            return result;
        }

        if (result["enum"] is JsonArray values && !values.Any(v => v is null))
        {
            values.Add(null);
        }

        if (result["type"] is JsonValue type)
        {
            result["type"] = new JsonArray(type.GetValue<string>(), "null");
            return result;
        }

        return new JsonObject { ["anyOf"] = new JsonArray(result, new JsonObject { ["type"] = "null" }) };
    }

    private JsonObject Reference(string file, string reference, bool open)
    {
        var (target, node) = spec.Resolve(file, reference);
        var pointer = reference.Contains('#', StringComparison.Ordinal) ? reference[(reference.IndexOf('#', StringComparison.Ordinal) + 1)..] : "";
        var key = $"{target}#{pointer}{(open ? " (open)" : "")}";
        if (!_names.TryGetValue(key, out var name))
        {
            name = $"{target}{pointer.Replace('/', '.')}{(open ? ".open" : "")}".Replace("~", "_", StringComparison.Ordinal).Replace("%", "_", StringComparison.Ordinal);
            _names[key] = name;
            _defs[name] = new JsonObject();
            _defs[name] = Translate(target, node, open);
        }

        return new JsonObject { ["$ref"] = "#/$defs/" + name };
    }

    private static bool Nullable(JsonObject schema) => schema["nullable"] is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.True;
}
