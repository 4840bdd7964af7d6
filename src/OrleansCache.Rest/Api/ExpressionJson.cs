using OrleansCache.Entities;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OrleansCache.Rest.Api;

/// <summary>
/// Writes a table's partitioning, sort orders, distribution and indexes, held as text
/// (<c>day(ts)</c>, <c>ts DESC NULLS LAST</c>, <c>hash(id) 16</c>, <c>PRIMARY KEY (id)</c>), in
/// Gravitino's JSON shapes. Text that does not fit a shape is kept whole as Gravitino's unparsed
/// expression (<c>{"type":"unparsed","unparsedExpression":…}</c>) where Gravitino has one; an index
/// that is neither a primary nor a unique key has no Gravitino form and is left out.
/// </summary>
internal static partial class ExpressionJson
{
    private static readonly HashSet<string> FieldTransforms = new(StringComparer.OrdinalIgnoreCase) { "identity", "year", "month", "day", "hour" };

    /// <summary>One partitioning transform (Gravitino's PartitioningSpec).</summary>
    public static void WritePartitioning(Utf8JsonWriter writer, string text)
    {
        var call = Call(text);
        writer.WriteStartObject();
        if (FieldPath(text) is { } bare)
        {
            writer.WriteString("strategy", "identity");
            WriteFieldName(writer, "fieldName", bare);
        }
        else if (call is { Args.Count: 1 } single && FieldTransforms.Contains(single.Name) && FieldPath(single.Args[0]) is { } field)
        {
            writer.WriteString("strategy", single.Name.ToLowerInvariant());
            WriteFieldName(writer, "fieldName", field);
        }
        else if (call is { Name: var bucket, Args.Count: >= 2 } b && bucket.Equals("bucket", StringComparison.OrdinalIgnoreCase)
            && Integer(b.Args[0]) is { } buckets && b.Args.Skip(1).Select(FieldPath).ToList() is var fields && fields.All(f => f is not null))
        {
            writer.WriteString("strategy", "bucket");
            writer.WriteNumber("numBuckets", buckets);
            writer.WriteStartArray("fieldNames");
            foreach (var path in fields)
            {
                WriteFieldPath(writer, path!);
            }

            writer.WriteEndArray();
        }
        else if (call is { Name: var truncate, Args.Count: 2 } t && truncate.Equals("truncate", StringComparison.OrdinalIgnoreCase)
            && Integer(t.Args[0]) is { } width && FieldPath(t.Args[1]) is { } truncated)
        {
            writer.WriteString("strategy", "truncate");
            writer.WriteNumber("width", width);
            WriteFieldName(writer, "fieldName", truncated);
        }
        else
        {
            writer.WriteString("strategy", "function");
            writer.WriteString("funcName", call?.Name ?? "unparsed");
            writer.WriteStartArray("funcArgs");
            if (call is null)
            {
                WriteUnparsed(writer, text);
            }
            else
            {
                call.Args.ForEach(arg => WriteArg(writer, arg));
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary>One sort order: <c>term [ASC|DESC] [NULLS FIRST|NULLS LAST]</c>.</summary>
    public static void WriteSortOrder(Utf8JsonWriter writer, string text)
    {
        var match = SortOrderPattern().Match(text.Trim());
        var term = match.Success ? match.Groups["term"].Value : text;
        var descending = match.Success && match.Groups["dir"].Value.Equals("desc", StringComparison.OrdinalIgnoreCase);
        var nulls = match.Success && match.Groups["nulls"].Success
            ? "nulls_" + match.Groups["nulls"].Value.ToLowerInvariant()
            : descending ? "nulls_last" : "nulls_first";
        writer.WriteStartObject();
        writer.WritePropertyName("sortTerm");
        WriteArg(writer, term);
        writer.WriteString("direction", descending ? "desc" : "asc");
        writer.WriteString("nullOrdering", nulls);
        writer.WriteEndObject();
    }

    /// <summary>
    /// The distribution: <c>strategy(args) [number]</c>, strategy one of hash, range, even. A table
    /// without one gets Gravitino's <c>DistributionDTO.NONE</c> (<c>{"strategy":"none","number":0,"funcArgs":[]}</c>),
    /// which its server sends for a table that has no distribution.
    /// </summary>
    public static void WriteDistribution(Utf8JsonWriter writer, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            writer.WriteStartObject();
            writer.WriteString("strategy", "none");
            writer.WriteNumber("number", 0);
            writer.WriteStartArray("funcArgs");
            writer.WriteEndArray();
            writer.WriteEndObject();
            return;
        }

        var match = DistributionPattern().Match(text.Trim());
        var call = match.Success ? Call(match.Groups["call"].Value) : null;
        var known = call is not null && call.Name.ToLowerInvariant() is "hash" or "range" or "even";
        writer.WriteStartObject();
        writer.WriteString("strategy", known ? call!.Name.ToLowerInvariant() : "hash");
        writer.WriteNumber("number", known && match.Groups["number"].Success ? int.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture) : 0);
        writer.WriteStartArray("funcArgs");
        if (known)
        {
            call!.Args.ForEach(arg => WriteArg(writer, arg));
        }
        else
        {
            WriteUnparsed(writer, text);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes the index if it is <c>PRIMARY KEY [name] (cols)</c> or <c>UNIQUE [KEY] [name] (cols)</c>; false
    /// (nothing written) otherwise. As Gravitino's <c>JsonUtils.IndexSerializer</c> writes it: the type in
    /// upper case (<c>PRIMARY_KEY</c>, though its OpenAPI file lists lower case), no <c>name</c> when it has
    /// none, and its (here empty) <c>properties</c>.
    /// </summary>
    public static bool TryWriteIndex(Utf8JsonWriter writer, string text)
    {
        var match = IndexPattern().Match(text.Trim());
        if (!match.Success || DataTypes.SplitTopLevel(match.Groups["cols"].Value, ',') is not { } columns
            || columns.Select(FieldPath).ToList() is var paths && paths.Any(path => path is null))
        {
            return false;
        }

        writer.WriteStartObject();
        writer.WriteString("indexType", match.Groups["primary"].Success ? "PRIMARY_KEY" : "UNIQUE_KEY");
        writer.WriteStringUnlessNull("name", match.Groups["name"].Success ? match.Groups["name"].Value : null);
        writer.WriteStartArray("fieldNames");
        paths.ForEach(path => WriteFieldPath(writer, path!));
        writer.WriteEndArray();
        writer.WriteStartObject("properties");
        writer.WriteEndObject();
        writer.WriteEndObject();
        return true;
    }

    /// <summary>A function argument: a field, a literal, a function call, or the text unparsed.</summary>
    private static void WriteArg(Utf8JsonWriter writer, string text)
    {
        var trimmed = text.Trim();
        if (FieldPath(trimmed) is { } field)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "field");
            WriteFieldName(writer, "fieldName", field);
            writer.WriteEndObject();
        }
        else if (Integer(trimmed) is { } number)
        {
            WriteLiteral(writer, "integer", number.ToString(CultureInfo.InvariantCulture));
        }
        else if (trimmed.Length >= 2 && trimmed[0] == '\'' && trimmed[^1] == '\'')
        {
            WriteLiteral(writer, "string", trimmed[1..^1]);
        }
        else if (Call(trimmed) is { } call)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "function");
            writer.WriteString("funcName", call.Name);
            writer.WriteStartArray("funcArgs");
            call.Args.ForEach(arg => WriteArg(writer, arg));
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        else
        {
            WriteUnparsed(writer, text);
        }
    }

    private static void WriteLiteral(Utf8JsonWriter writer, string dataType, string value)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "literal");
        writer.WriteString("dataType", dataType);
        writer.WriteString("value", value);
        writer.WriteEndObject();
    }

    private static void WriteUnparsed(Utf8JsonWriter writer, string text)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "unparsed");
        writer.WriteString("unparsedExpression", text);
        writer.WriteEndObject();
    }

    private static void WriteFieldName(Utf8JsonWriter writer, string property, string[] path)
    {
        writer.WritePropertyName(property);
        WriteFieldPath(writer, path);
    }

    private static void WriteFieldPath(Utf8JsonWriter writer, string[] path)
    {
        writer.WriteStartArray();
        foreach (var level in path)
        {
            writer.WriteStringValue(level);
        }

        writer.WriteEndArray();
    }

    private static string[]? FieldPath(string text)
    {
        var trimmed = text.Trim();
        return FieldPattern().IsMatch(trimmed) ? trimmed.Split('.') : null;
    }

    private static int? Integer(string text) =>
        int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static FunctionCall? Call(string text)
    {
        var trimmed = text.Trim();
        var open = trimmed.IndexOf('(', StringComparison.Ordinal);
        if (open <= 0 || trimmed[^1] != ')' || !NamePattern().IsMatch(trimmed[..open].Trim()))
        {
            return null;
        }

        var inner = trimmed[(open + 1)..^1];
        if (string.IsNullOrWhiteSpace(inner))
        {
            return new FunctionCall(trimmed[..open].Trim(), []);
        }

        return DataTypes.SplitTopLevel(inner, ',') is { } args ? new FunctionCall(trimmed[..open].Trim(), args) : null;
    }

    private sealed record FunctionCall(string Name, List<string> Args);

    [GeneratedRegex(@"^[A-Za-z_][\w$]*(\.[A-Za-z_][\w$]*)*$")]
    private static partial Regex FieldPattern();

    [GeneratedRegex(@"^[A-Za-z_]\w*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^(?<term>.+?)(\s+(?<dir>ASC|DESC))?(\s+NULLS\s+(?<nulls>FIRST|LAST))?$", RegexOptions.IgnoreCase)]
    private static partial Regex SortOrderPattern();

    [GeneratedRegex(@"^(?<call>[A-Za-z_]\w*\s*\(.*\))(\s+(?<number>\d+))?$")]
    private static partial Regex DistributionPattern();

    [GeneratedRegex(@"^(?:(?<primary>PRIMARY\s+KEY)|UNIQUE(?:\s+KEY)?)(?:\s+(?<name>[A-Za-z_]\w*))?\s*\((?<cols>.+)\)$", RegexOptions.IgnoreCase)]
    private static partial Regex IndexPattern();
}
