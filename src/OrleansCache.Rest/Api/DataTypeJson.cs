using System.Text.Json;
using OrleansCache.Entities;

namespace OrleansCache.Rest.Api;

/// <summary>
/// Writes a column's data type, held as text (<c>bigint</c>, <c>varchar(255)</c>,
/// <c>map&lt;string,array&lt;int&gt;&gt;</c>), in Gravitino's JSON type encoding: a primitive is a string
/// (<c>"long"</c>, <c>"varchar(255)"</c>), a struct, list, map or union is an object, and text that
/// names no Gravitino type is <c>{"type":"unparsed","unparsedType":…}</c> with the text unchanged.
/// Members in the order of Gravitino's <c>JsonUtils</c> type serializer (<c>type</c>, then
/// <c>containsNull</c> or <c>valueContainsNull</c>, then the element types).
/// </summary>
internal static class DataTypeJson
{
    /// <summary>Writes <paramref name="text"/> as a Gravitino data type value.</summary>
    public static void Write(Utf8JsonWriter writer, string text)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(text);
        if (DataTypes.Parse(text.Trim()) is { } shape)
        {
            Write(writer, shape);
        }
        else
        {
            WriteUnparsed(writer, text);
        }
    }

    private static void Write(Utf8JsonWriter writer, DataTypeShape shape)
    {
        switch (shape.Kind)
        {
            case "list":
                writer.WriteStartObject();
                writer.WriteString("type", "list");
                writer.WriteBoolean("containsNull", true);
                writer.WritePropertyName("elementType");
                WritePart(writer, shape.Parts[0]);
                writer.WriteEndObject();
                break;
            case "map":
                writer.WriteStartObject();
                writer.WriteString("type", "map");
                writer.WriteBoolean("valueContainsNull", true);
                writer.WritePropertyName("keyType");
                WritePart(writer, shape.Parts[0]);
                writer.WritePropertyName("valueType");
                WritePart(writer, shape.Parts[1]);
                writer.WriteEndObject();
                break;
            case "union":
                writer.WriteStartObject();
                writer.WriteString("type", "union");
                writer.WriteStartArray("types");
                foreach (var type in shape.Parts)
                {
                    WritePart(writer, type);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
                break;
            case "struct":
                WriteStruct(writer, shape.Parts);
                break;
            default:
                writer.WriteStringValue(shape.Kind);
                break;
        }
    }

    private static void WritePart(Utf8JsonWriter writer, string part) => Write(writer, DataTypes.Parse(part.Trim())!);

    private static void WriteStruct(Utf8JsonWriter writer, List<string> fields)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "struct");
        writer.WriteStartArray("fields");
        foreach (var (name, type) in fields.Select(field => DataTypes.StructField(field)!.Value))
        {
            writer.WriteStartObject();
            writer.WriteString("name", name);
            writer.WritePropertyName("type");
            WritePart(writer, type);
            writer.WriteBoolean("nullable", true);

            // A field's comment is written only when it has one; text types carry none.
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteUnparsed(Utf8JsonWriter writer, string text)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "unparsed");
        writer.WriteString("unparsedType", text);
        writer.WriteEndObject();
    }
}
