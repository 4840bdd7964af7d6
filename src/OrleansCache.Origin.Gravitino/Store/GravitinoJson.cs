using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using OrleansCache.Entities;

namespace OrleansCache.Origin.Gravitino.Store;

/// <summary>
/// Gravitino's JSON columns as the model holds them: audit info (<c>creator</c>, <c>createTime</c>,
/// <c>lastModifier</c>, <c>lastModifiedTime</c>), property maps, column types (a primitive is a
/// JSON string such as <c>"integer"</c> or <c>"decimal(10,2)"</c>, a complex type an object) and
/// the arrays of partitioning, sort orders and indexes.
/// </summary>
internal static class GravitinoJson
{
    /// <summary>The audit info, or an empty one (unknown principals, epoch times) when the column holds none.</summary>
    public static AuditInfo Audit(string? json)
    {
        string creator = string.Empty, modifier = string.Empty;
        DateTimeOffset created = DateTimeOffset.UnixEpoch, modified = DateTimeOffset.UnixEpoch;
        if (!string.IsNullOrWhiteSpace(json))
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            creator = Text(root, "creator") ?? string.Empty;
            created = Time(root, "createTime") ?? DateTimeOffset.UnixEpoch;
            modifier = Text(root, "lastModifier") ?? creator;
            modified = Time(root, "lastModifiedTime") ?? created;
        }

        return new AuditInfo { Creator = creator, CreatedAt = created, LastModifier = modifier, LastModifiedAt = modified };
    }

    /// <summary>A property map (JSON object of strings); empty for NULL.</summary>
    public static ImmutableDictionary<string, string> Properties(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return ImmutableDictionary<string, string>.Empty;
        }

        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return ImmutableDictionary<string, string>.Empty;
        }

        var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            builder[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        }

        return builder.ToImmutable();
    }

    /// <summary>
    /// A column type: the text of a primitive (<c>"integer"</c> gives <c>integer</c>), the compact JSON
    /// of a complex type. <see cref="TypeJson"/> turns it back into Gravitino's encoding.
    /// </summary>
    public static string DataType(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return root.ValueKind == JsonValueKind.String ? root.GetString()! : JsonSerializer.Serialize(root);
    }

    /// <summary>Gravitino's JSON encoding of a model data type (the inverse of <see cref="DataType"/>).</summary>
    public static string TypeJson(string dataType) =>
        dataType.StartsWith('{') || dataType.StartsWith('[') ? dataType : JsonSerializer.Serialize(dataType);

    /// <summary>The elements of a JSON array, each as compact JSON; empty for NULL or a non-array.</summary>
    public static ImmutableArray<string> Elements(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Array
            ? [.. document.RootElement.EnumerateArray().Select(element => JsonSerializer.Serialize(element))]
            : [];
    }

    /// <summary>A JSON value as compact text, or null for NULL or JSON null.</summary>
    public static string? Compact(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Null ? null : JsonSerializer.Serialize(document.RootElement);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? Time(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String when DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) => parsed,
            // Jackson writes an Instant as decimal seconds when dates are not written as text.
            JsonValueKind.Number => DateTimeOffset.UnixEpoch.AddTicks((long)(value.GetDecimal() * TimeSpan.TicksPerSecond)),
            _ => null,
        };
    }
}
