using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.RepresentationModel;

namespace OrleansCache.Tests.Rest.OpenApi;

/// <summary>
/// Gravitino's OpenAPI files as vendored under <c>Rest/OpenApi/gravitino</c> (see the README there for
/// the commit): the schema of a route's response for a status, as JSON Schema that a response can be
/// validated against. <c>$ref</c>s are followed across the files.
/// </summary>
internal sealed partial class GravitinoOpenApi
{
    /// <summary>The media type Gravitino's files document responses under.</summary>
    public const string MediaType = "application/vnd.gravitino.v1+json";

    private const string Root = "openapi.yaml";
    private readonly string _directory;
    private readonly ConcurrentDictionary<string, JsonNode> _files = new(StringComparer.Ordinal);

    private GravitinoOpenApi(string directory) => _directory = directory;

    /// <summary>The files copied next to the test assembly.</summary>
    public static GravitinoOpenApi Vendored { get; } = new(Path.Combine(AppContext.BaseDirectory, "Rest", "OpenApi", "gravitino"));

    /// <summary>
    /// The schema Gravitino documents for a GET of <paramref name="pathTemplate"/> (as written in
    /// openapi.yaml, for example <c>/metalakes/{metalake}/catalogs</c>) answered with <paramref name="status"/>:
    /// the exact status, else its class (<c>4xx</c>, <c>5xx</c>); null when the route documents neither.
    /// </summary>
    public JsonSchema? ResponseSchema(string pathTemplate, int status)
    {
        var (file, pathItem) = Follow(Root, File(Root)["paths"]?[pathTemplate]
            ?? throw new ArgumentException($"Gravitino's openapi.yaml has no path {pathTemplate}.", nameof(pathTemplate)));
        var responses = pathItem["get"]?["responses"] ?? throw new ArgumentException($"Gravitino documents no GET for {pathTemplate}.", nameof(pathTemplate));
        var code = status.ToString(CultureInfo.InvariantCulture);
        if ((responses[code] ?? responses[$"{code[0]}xx"] ?? responses[$"{code[0]}XX"]) is not { } response)
        {
            return null;
        }

        var (responseFile, resolved) = Follow(file, response);
        var schema = resolved["content"]?[MediaType]?["schema"]
            ?? throw new InvalidOperationException($"The {code} response of GET {pathTemplate} documents no {MediaType} schema.");
        return new OpenApiSchemaTranslation(this).ToJsonSchema(responseFile, schema);
    }

    /// <summary>A named schema of a file's <c>components/schemas</c>, for example openapi.yaml's <c>ErrorModel</c>.</summary>
    public JsonSchema ComponentSchema(string file, string name) =>
        new OpenApiSchemaTranslation(this).ToJsonSchema(file, new JsonObject { ["$ref"] = $"./{file}#/components/schemas/{name}" });

    /// <summary>The node a <c>$ref</c> (<c>./tables.yaml#/components/schemas/Table</c> or <c>#/…</c>) names, read from <paramref name="file"/>, and the file it is in.</summary>
    public (string File, JsonNode Node) Resolve(string file, string reference)
    {
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        var target = hash switch
        {
            0 => file,
            < 0 => Path.GetFileName(reference),
            _ => Path.GetFileName(reference[..hash]),
        };
        var node = File(target);
        var pointer = hash < 0 ? "" : reference[(hash + 1)..];
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var key = Uri.UnescapeDataString(segment).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node[key] ?? throw new InvalidOperationException($"{reference} (from {file}) names nothing: no '{key}'.");
        }

        return (target, node);
    }

    /// <summary>Follows <c>$ref</c>s until a node that is not one.</summary>
    private (string File, JsonNode Node) Follow(string file, JsonNode node)
    {
        while (node is JsonObject obj && obj["$ref"] is JsonValue reference)
        {
            (file, node) = Resolve(file, reference.GetValue<string>());
        }

        return (file, node);
    }

    private JsonNode File(string name) => _files.GetOrAdd(name, file =>
    {
        var yaml = new YamlStream();
        // tables.yaml has `indexes:[ ]` in an example's flow mapping: a plain key glued to a flow
        // sequence, which PyYAML reads and YamlDotNet refuses. Only examples (not used here) have it.
        var text = GluedFlowKey().Replace(System.IO.File.ReadAllText(Path.Combine(_directory, file)), "$1: [");
        using (var reader = new StringReader(text))
        {
            try
            {
                yaml.Load(reader);
            }
            catch (YamlDotNet.Core.YamlException exception)
            {
                throw new InvalidOperationException($"Gravitino's {file} does not parse at {exception.Start}: {exception.Message}", exception);
            }
        }

        var node = ToJson(yaml.Documents[0].RootNode) ?? new JsonObject();
        ServerOverSpec.Apply(file, node);
        return node;
    });

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(pair =>
            KeyValuePair.Create(((YamlScalarNode)pair.Key).Value!, ToJson(pair.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidOperationException($"Unexpected YAML node {node.NodeType} at {node.Start}."),
    };

    /// <summary>A plain scalar typed as YAML's core schema types it; a quoted one is a string.</summary>
    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not YamlDotNet.Core.ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && text.Any(char.IsDigit) => JsonValue.Create(number),
            _ => JsonValue.Create(text),
        };
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?m)^(\s+\w+):\[")]
    private static partial System.Text.RegularExpressions.Regex GluedFlowKey();
}
