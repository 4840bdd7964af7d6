using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using OrleansCache.Entities;

namespace OrleansCache.Rest.Api;

/// <summary>
/// Writes an <see cref="EntityRecord"/> as the object Gravitino's server returns for its kind
/// (MetalakeDTO, CatalogDTO, SchemaDTO, TableDTO, FilesetDTO, TopicDTO, ModelDTO, ModelVersionDTO,
/// TagDTO, PolicyDTO): field names and order as those DTOs declare them, and Gravitino's writing rules
/// (<see cref="GravitinoJsonRules"/>: a null member is left out).
/// </summary>
internal static class EntityJson
{
    // MetadataObject.Type, written in lower case as Gravitino's server writes every plain enum.
    private static readonly string[] PolicyObjectTypes = ["catalog", "schema", "table", "fileset", "topic", "model"];

    /// <summary>Writes the entity. <paramref name="latestModelVersion"/> is a model's <c>latestVersion</c> (ignored for other kinds).</summary>
    public static void Write(Utf8JsonWriter writer, EntityRecord record, int latestModelVersion = 0)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(record);
        writer.WriteStartObject();
        switch (record.Payload)
        {
            case CatalogPayload catalog:
                // CatalogDTO: name, type, provider, comment, properties, audit.
                writer.WriteString("name", record.Key.Identifier.Name);
                writer.WriteString("type", catalog.Type.ToString().ToLowerInvariant());
                writer.WriteString("provider", catalog.Provider);
                writer.WriteStringUnlessNull("comment", catalog.Comment);
                WriteProperties(writer, "properties", catalog.Properties);
                WriteAudit(writer, record.Audit);
                break;
            case TablePayload table:
                // TableDTO: name, comment, columns, properties, audit, distribution, sortOrders, partitioning, indexes.
                WriteNameAndComment(writer, record);
                WriteColumns(writer, table);
                WriteProperties(writer, "properties", table.Properties);
                WriteAudit(writer, record.Audit);
                WriteTableLayout(writer, table);
                break;
            case FilesetPayload fileset:
                // FilesetDTO: name, comment, type, storageLocation, storageLocations, properties, audit.
                WriteNameAndComment(writer, record);
                writer.WriteString("type", fileset.Type.ToString().ToLowerInvariant());
                writer.WriteString("storageLocation", fileset.StorageLocation);
                WriteUnnamedLocation(writer, "storageLocations", fileset.StorageLocation);
                WriteProperties(writer, "properties", fileset.Properties);
                WriteAudit(writer, record.Audit);
                break;
            case ModelPayload model:
                // ModelDTO: name, comment, properties, latestVersion, audit.
                WriteNameAndComment(writer, record);
                WriteProperties(writer, "properties", model.Properties);
                writer.WriteNumber("latestVersion", latestModelVersion);
                WriteAudit(writer, record.Audit);
                break;
            case ModelVersionPayload version:
                // ModelVersionDTO: version, comment, aliases, uri, uris, properties, audit.
                writer.WriteNumber("version", int.Parse(record.Key.Identifier.Name, CultureInfo.InvariantCulture));
                writer.WriteStringUnlessNull("comment", version.Comment);
                WriteStrings(writer, "aliases", version.Aliases.IsDefault ? [] : version.Aliases);
                writer.WriteString("uri", version.Uri);
                WriteUnnamedLocation(writer, "uris", version.Uri);
                WriteProperties(writer, "properties", version.Properties);
                WriteAudit(writer, record.Audit);
                break;
            case TagPayload tag:
                // TagDTO: name, comment, properties, allowedValues and assignmentValues (the cache holds
                // none: null, left out), audit, inherited (an empty Optional here).
                WriteNameAndComment(writer, record);
                WriteProperties(writer, "properties", tag.Properties);
                WriteAudit(writer, record.Audit);
                writer.WriteEmptyOptional("inherited");
                break;
            case PolicyPayload policy:
                // PolicyDTO: name, comment, policyType, enabled, content, inherited, audit; a policy's
                // properties live in its content, as in Gravitino.
                WriteNameAndComment(writer, record);
                WritePolicy(writer, policy);
                WriteAudit(writer, record.Audit);
                break;
            default:
                // MetalakeDTO, SchemaDTO, TopicDTO: name, comment, properties, audit.
                WriteNameAndComment(writer, record);
                WriteProperties(writer, "properties", record.Payload.Properties);
                WriteAudit(writer, record.Audit);
                break;
        }

        writer.WriteEndObject();
    }

    /// <summary>Gravitino's Audit object; times as Java's <c>Instant</c> prints them (UTC, 0, 3, 6 or 9 fraction digits).</summary>
    public static void WriteAudit(Utf8JsonWriter writer, AuditInfo audit)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(audit);
        writer.WriteStartObject("audit");
        writer.WriteString("creator", audit.Creator);
        writer.WriteString("createTime", Instant(audit.CreatedAt));
        writer.WriteString("lastModifier", audit.LastModifier);
        writer.WriteString("lastModifiedTime", Instant(audit.LastModifiedAt));
        writer.WriteEndObject();
    }

    /// <summary>The time as <c>java.time.Instant.toString()</c> writes it, for example <c>2023-12-08T11:07:46.938Z</c>.</summary>
    public static string Instant(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        var fraction = utc.Ticks % TimeSpan.TicksPerSecond;
        var seconds = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        return fraction switch
        {
            0 => seconds + "Z",
            _ when fraction % TimeSpan.TicksPerMillisecond == 0 => $"{seconds}.{fraction / TimeSpan.TicksPerMillisecond:D3}Z",
            _ when fraction % TimeSpan.TicksPerMicrosecond == 0 => $"{seconds}.{fraction / TimeSpan.TicksPerMicrosecond:D6}Z",
            _ => $"{seconds}.{fraction * 100:D9}Z",
        };
    }

    private static void WriteNameAndComment(Utf8JsonWriter writer, EntityRecord record)
    {
        writer.WriteString("name", record.Key.Identifier.Name);
        writer.WriteStringUnlessNull("comment", record.Payload.Comment);
    }

    /// <summary>ColumnDTO: name, type, comment, nullable, autoIncrement, defaultValue (left out when not set).</summary>
    private static void WriteColumns(Utf8JsonWriter writer, TablePayload table)
    {
        writer.WriteStartArray("columns");
        foreach (var column in table.Columns.IsDefault ? [] : table.Columns)
        {
            writer.WriteStartObject();
            writer.WriteString("name", column.Name);
            writer.WritePropertyName("type");
            DataTypeJson.Write(writer, column.DataType);
            writer.WriteStringUnlessNull("comment", column.Comment);
            writer.WriteBoolean("nullable", column.Nullable);
            writer.WriteBoolean("autoIncrement", column.AutoIncrement);
            if (!string.IsNullOrEmpty(column.DefaultValue))
            {
                writer.WriteStartObject("defaultValue");
                writer.WriteString("type", "unparsed");
                writer.WriteString("unparsedExpression", column.DefaultValue);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteTableLayout(Utf8JsonWriter writer, TablePayload table)
    {
        writer.WritePropertyName("distribution");
        ExpressionJson.WriteDistribution(writer, table.Distribution);
        writer.WriteStartArray("sortOrders");
        foreach (var order in table.SortOrders.IsDefault ? [] : table.SortOrders)
        {
            ExpressionJson.WriteSortOrder(writer, order);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("partitioning");
        foreach (var transform in table.Partitioning.IsDefault ? [] : table.Partitioning)
        {
            ExpressionJson.WritePartitioning(writer, transform);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("indexes");
        foreach (var index in table.Indexes.IsDefault ? [] : table.Indexes)
        {
            ExpressionJson.TryWriteIndex(writer, index);
        }

        writer.WriteEndArray();
    }

    private static void WritePolicy(Utf8JsonWriter writer, PolicyPayload policy)
    {
        writer.WriteString("policyType", policy.PolicyType);
        writer.WriteBoolean("enabled", policy.Enabled);
        writer.WriteStartObject("content");
        JsonElement? rules = null;
        if (!string.IsNullOrWhiteSpace(policy.Content))
        {
            try
            {
                using var document = JsonDocument.Parse(policy.Content);
                rules = document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
            }
            catch (JsonException)
            {
                rules = null;
            }
        }

        // Content that is a JSON object is the policy's custom rules; any other text is kept as one rule.
        writer.WriteStartObject("customRules");
        if (rules is { } parsed)
        {
            foreach (var rule in parsed.EnumerateObject())
            {
                rule.WriteTo(writer);
            }
        }
        else if (policy.Content is not null)
        {
            writer.WriteString("content", policy.Content);
        }

        writer.WriteEndObject();

        // PolicyContentDTO.CustomContentDTO: customRules, properties, supportedObjectTypes.
        WriteProperties(writer, "properties", policy.Properties);
        WriteStrings(writer, "supportedObjectTypes", PolicyObjectTypes);
        writer.WriteEndObject();
        writer.WriteEmptyOptional("inherited");
    }

    /// <summary>A map of named locations with the one location under Gravitino's name for an unnamed one (<c>unknown</c>).</summary>
    private static void WriteUnnamedLocation(Utf8JsonWriter writer, string property, string location)
    {
        writer.WriteStartObject(property);
        writer.WriteString("unknown", location);
        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string property, IEnumerable<string> values)
    {
        writer.WriteStartArray(property);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteProperties(Utf8JsonWriter writer, string property, IReadOnlyDictionary<string, string>? properties)
    {
        writer.WriteStartObject(property);
        foreach (var (key, value) in (properties ?? ImmutableDictionary<string, string>.Empty).OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }
}
