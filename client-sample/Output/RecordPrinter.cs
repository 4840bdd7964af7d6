using System.Globalization;
using OrleansCache.Entities;
using OrleansCache.Events;
using OrleansCache.Naming;

namespace OrleansCache.ClientSample.Output;

/// <summary>Formats records and change events for the terminal, one fact per line.</summary>
internal static class RecordPrinter
{
    /// <summary>Writes every field of <paramref name="record"/> a person would look for.</summary>
    public static void Print(EntityRecord record, TextWriter output)
    {
        Field(output, "kind", EntityKindTokens.ToToken(record.Key.Kind));
        Field(output, "identifier", record.Key.Identifier.ToString());
        Field(output, "version", record.Version.ToString(CultureInfo.InvariantCulture));
        Field(output, "created", $"{record.Audit.Creator} at {Time(record.Audit.CreatedAt)}");
        Field(output, "modified", $"{record.Audit.LastModifier} at {Time(record.Audit.LastModifiedAt)}");
        Field(output, "comment", record.Payload.Comment ?? "(none)");
        PrintKindFields(record.Payload, output);

        if (record.Payload.Properties.IsEmpty)
        {
            Field(output, "properties", "(none)");
        }
        else
        {
            output.WriteLine("properties:");
            foreach (var (key, value) in record.Payload.Properties.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                output.WriteLine($"  {key}={value}");
            }
        }

        if (record.Payload is TablePayload table)
        {
            PrintColumns(table, output);
        }
    }

    /// <summary>One change event as one line: time, change, key, version, new key.</summary>
    public static string EventLine(EntityChanged changed) =>
        $"{Time(changed.At)} {changed.Change.ToString().ToLowerInvariant()} key={changed.Key.ToGrainKey()} " +
        $"version={changed.Version.ToString(CultureInfo.InvariantCulture)} new_key={changed.NewKey?.ToGrainKey() ?? "-"}";

    /// <summary>A UTC time with milliseconds, ISO 8601.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void PrintKindFields(EntityPayload payload, TextWriter output)
    {
        switch (payload)
        {
            case CatalogPayload catalog:
                Field(output, "catalog type", catalog.Type.ToString().ToLowerInvariant());
                Field(output, "provider", catalog.Provider);
                break;
            case FilesetPayload fileset:
                Field(output, "fileset type", fileset.Type.ToString().ToLowerInvariant());
                Field(output, "location", fileset.StorageLocation);
                break;
            case ModelVersionPayload version:
                Field(output, "uri", version.Uri);
                Field(output, "aliases", version.Aliases.IsDefaultOrEmpty ? "(none)" : string.Join(", ", version.Aliases));
                break;
            case PolicyPayload policy:
                Field(output, "policy type", policy.PolicyType);
                Field(output, "enabled", policy.Enabled ? "yes" : "no");
                Field(output, "content", policy.Content ?? "(none)");
                break;
            default:
                break;
        }
    }

    private static void PrintColumns(TablePayload table, TextWriter output)
    {
        var columns = table.Columns.IsDefault ? [] : table.Columns;
        if (columns.IsEmpty)
        {
            Field(output, "columns", "(none)");
            return;
        }

        output.WriteLine("columns:");
        var width = columns.Max(column => column.Name.Length);
        foreach (var column in columns)
        {
            var notes = new List<string>();
            if (!column.Nullable)
            {
                notes.Add("not null");
            }

            if (column.AutoIncrement)
            {
                notes.Add("auto increment");
            }

            if (column.DefaultValue is { } defaultValue)
            {
                notes.Add($"default {defaultValue}");
            }

            if (column.Comment is { } comment)
            {
                notes.Add($"-- {comment}");
            }

            var suffix = notes.Count == 0 ? string.Empty : "  " + string.Join(", ", notes);
            output.WriteLine($"  {column.Name.PadRight(width)}  {column.DataType}{suffix}");
        }

        foreach (var (label, values) in new[] { ("partitioning", table.Partitioning), ("sort orders", table.SortOrders), ("indexes", table.Indexes) })
        {
            if (!values.IsDefaultOrEmpty)
            {
                Field(output, label, string.Join(", ", values));
            }
        }

        if (table.Distribution is { } distribution)
        {
            Field(output, "distribution", distribution);
        }
    }

    private static void Field(TextWriter output, string label, string value) =>
        output.WriteLine($"{(label + ":").PadRight(14)}{value}");
}
