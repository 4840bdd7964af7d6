using System.Text.Json;
using Json.Schema;

namespace OrleansCache.Tests.Rest.OpenApi;

/// <summary>What a response body breaks: the validator's errors against a schema, and its null members.</summary>
internal static class ResponseConformance
{
    /// <summary>
    /// Gravitino's server writes no null member (ObjectMapperProvider: NON_NULL) except an empty
    /// <c>Optional</c>, which Jdk8Module writes as null: a tag's and a policy's <c>inherited</c>.
    /// </summary>
    private const string EmptyOptional = "inherited";

    /// <summary>Every way <paramref name="body"/> fails <paramref name="schema"/>, one line each (none when it conforms).</summary>
    public static IReadOnlyList<string> Violations(JsonSchema schema, JsonElement body)
    {
        var results = schema.Evaluate(body, OpenApiSchemaTranslation.Strict);
        if (results.IsValid)
        {
            return [];
        }

        // An error inside a oneOf alternative only says that alternative does not match; the oneOf's
        // own error says none (or several) did, and is reported with the value it was given.
        var errors = (results.Details ?? []).Where(detail => detail.Errors is { Count: > 0 })
            .Where(detail => !detail.EvaluationPath.ToString().Contains("/oneOf/", StringComparison.Ordinal))
            .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation} ({detail.EvaluationPath}): {error.Key}: {error.Value}"
                + (error.Key == "oneOf" ? $" — the value: {Shorten(detail.InstanceLocation.Evaluate(body))}" : "")))
            .ToList();
        return errors.Count > 0 ? errors : ["does not conform (no detail)"];
    }

    private static string Shorten(JsonElement? value)
    {
        var text = value?.GetRawText() ?? "(none)";
        return text.Length <= 300 ? text : text[..300] + "…";
    }

    /// <summary>The paths of null members, but for an empty <c>inherited</c> (which Gravitino's server writes as null too).</summary>
    public static IReadOnlyList<string> NullMembers(JsonElement element, string path = "$")
    {
        var found = new List<string>();
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    if (member.Value.ValueKind == JsonValueKind.Null && member.Name != EmptyOptional)
                    {
                        found.Add($"{path}.{member.Name}");
                    }

                    found.AddRange(NullMembers(member.Value, $"{path}.{member.Name}"));
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    found.AddRange(NullMembers(item, $"{path}[{index++}]"));
                }

                break;
        }

        return found;
    }
}
