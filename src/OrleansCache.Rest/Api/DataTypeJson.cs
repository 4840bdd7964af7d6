using System.Globalization;
using System.Text.Json;

namespace OrleansCache.Rest.Api;

/// <summary>
/// Writes a column's data type, held as text (<c>bigint</c>, <c>varchar(255)</c>,
/// <c>map&lt;string,array&lt;int&gt;&gt;</c>), in Gravitino's JSON type encoding: a primitive is a string
/// (<c>"long"</c>, <c>"varchar(255)"</c>), a struct, list, map or union is an object, and text that
/// names no Gravitino type is <c>{"type":"unparsed","unparsedType":…}</c> with the text unchanged.
/// </summary>
internal static class DataTypeJson
{
    private static readonly Dictionary<string, string> Primitives = new(StringComparer.OrdinalIgnoreCase)
    {
        ["boolean"] = "boolean", ["bool"] = "boolean",
        ["byte"] = "byte", ["tinyint"] = "byte",
        ["short"] = "short", ["smallint"] = "short",
        ["integer"] = "integer", ["int"] = "integer",
        ["long"] = "long", ["bigint"] = "long",
        ["float"] = "float", ["real"] = "float",
        ["double"] = "double", ["double precision"] = "double",
        ["date"] = "date", ["time"] = "time", ["timestamp"] = "timestamp",
        ["timestamp_tz"] = "timestamp_tz", ["timestamptz"] = "timestamp_tz", ["timestamp with time zone"] = "timestamp_tz",
        ["string"] = "string", ["text"] = "string",
        ["binary"] = "binary", ["varbinary"] = "binary", ["bytes"] = "binary",
        ["uuid"] = "uuid", ["interval_day"] = "interval_day", ["interval_year"] = "interval_year",
        ["variant"] = "variant", ["null"] = "null", ["geometry"] = "geometry", ["geography"] = "geography",
    };

    private static readonly Dictionary<string, (string Name, int Arity)> Parameterized = new(StringComparer.OrdinalIgnoreCase)
    {
        ["decimal"] = ("decimal", 2), ["numeric"] = ("decimal", 2),
        ["char"] = ("char", 1), ["varchar"] = ("varchar", 1), ["fixed"] = ("fixed", 1),
        ["time"] = ("time", 1), ["timestamp"] = ("timestamp", 1), ["timestamp_tz"] = ("timestamp_tz", 1),
    };

    private static readonly HashSet<string> Unsignable = new(StringComparer.Ordinal) { "byte", "short", "integer", "long" };

    /// <summary>Writes <paramref name="text"/> as a Gravitino data type value.</summary>
    public static void Write(Utf8JsonWriter writer, string text)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(text);
        if (!TryWrite(writer, text.Trim()))
        {
            WriteUnparsed(writer, text);
        }
    }

    private static bool TryWrite(Utf8JsonWriter writer, string text)
    {
        if (TryPrimitive(text) is { } primitive)
        {
            writer.WriteStringValue(primitive);
            return true;
        }

        var open = text.IndexOf('<', StringComparison.Ordinal);
        if (open <= 0 || text[^1] != '>')
        {
            return false;
        }

        var head = text[..open].Trim().ToLowerInvariant();
        if (SplitTopLevel(text[(open + 1)..^1], ',') is not { } parts)
        {
            return false;
        }

        // Validate before writing anything, so a failure leaves the writer untouched for the fallback.
        return head switch
        {
            "array" or "list" when parts.Count == 1 && IsType(parts[0]) => WriteList(writer, parts[0]),
            "map" when parts.Count == 2 && IsType(parts[0]) && IsType(parts[1]) => WriteMap(writer, parts[0], parts[1]),
            "union" or "uniontype" when parts.Count > 0 && parts.All(IsType) => WriteUnion(writer, parts),
            "struct" when parts.Count > 0 && parts.All(part => StructField(part) is { } field && IsType(field.Type)) => WriteStruct(writer, parts),
            _ => false,
        };
    }

    private static bool IsType(string text)
    {
        var probe = new Utf8JsonWriter(Stream.Null);
        using (probe)
        {
            return TryWrite(probe, text.Trim());
        }
    }

    private static bool WriteList(Utf8JsonWriter writer, string element)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "list");
        writer.WritePropertyName("elementType");
        TryWrite(writer, element.Trim());
        writer.WriteBoolean("containsNull", true);
        writer.WriteEndObject();
        return true;
    }

    private static bool WriteMap(Utf8JsonWriter writer, string key, string value)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "map");
        writer.WritePropertyName("keyType");
        TryWrite(writer, key.Trim());
        writer.WritePropertyName("valueType");
        TryWrite(writer, value.Trim());
        writer.WriteBoolean("valueContainsNull", true);
        writer.WriteEndObject();
        return true;
    }

    private static bool WriteUnion(Utf8JsonWriter writer, List<string> types)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "union");
        writer.WriteStartArray("types");
        foreach (var type in types)
        {
            TryWrite(writer, type.Trim());
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        return true;
    }

    private static bool WriteStruct(Utf8JsonWriter writer, List<string> fields)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "struct");
        writer.WriteStartArray("fields");
        foreach (var (name, type) in fields.Select(field => StructField(field)!.Value))
        {
            writer.WriteStartObject();
            writer.WriteString("name", name);
            writer.WritePropertyName("type");
            TryWrite(writer, type.Trim());
            writer.WriteBoolean("nullable", true);
            writer.WriteNull("comment");
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        return true;
    }

    private static (string Name, string Type)? StructField(string field)
    {
        var colon = field.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        var name = field[..colon].Trim();
        return name.Length == 0 ? null : (name, field[(colon + 1)..]);
    }

    private static string? TryPrimitive(string text)
    {
        if (Primitives.TryGetValue(text, out var simple))
        {
            return simple;
        }

        const string unsigned = " unsigned";
        if (text.EndsWith(unsigned, StringComparison.OrdinalIgnoreCase)
            && Primitives.TryGetValue(text[..^unsigned.Length].Trim(), out var signed)
            && Unsignable.Contains(signed))
        {
            return signed + unsigned;
        }

        var open = text.IndexOf('(', StringComparison.Ordinal);
        if (open <= 0 || text[^1] != ')' || !Parameterized.TryGetValue(text[..open].Trim(), out var shape))
        {
            return null;
        }

        var arguments = text[(open + 1)..^1].Split(',');
        if (arguments.Length != shape.Arity)
        {
            return null;
        }

        var numbers = new List<int>(arguments.Length);
        foreach (var argument in arguments)
        {
            if (!int.TryParse(argument.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return null;
            }

            numbers.Add(number);
        }

        return $"{shape.Name}({string.Join(',', numbers)})";
    }

    /// <summary>Splits at <paramref name="separator"/> outside brackets; null when the brackets do not balance.</summary>
    internal static List<string>? SplitTopLevel(string text, char separator)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '<' or '(':
                    depth++;
                    break;
                case '>' or ')':
                    if (--depth < 0)
                    {
                        return null;
                    }

                    break;
                default:
                    if (text[i] == separator && depth == 0)
                    {
                        parts.Add(text[start..i]);
                        start = i + 1;
                    }

                    break;
            }
        }

        if (depth != 0)
        {
            return null;
        }

        parts.Add(text[start..]);
        return parts.Any(string.IsNullOrWhiteSpace) ? null : parts;
    }

    private static void WriteUnparsed(Utf8JsonWriter writer, string text)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "unparsed");
        writer.WriteString("unparsedType", text);
        writer.WriteEndObject();
    }
}
