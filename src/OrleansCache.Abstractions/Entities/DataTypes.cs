using System.Collections.Concurrent;
using System.Globalization;

namespace OrleansCache.Entities;

/// <summary>
/// The column data types a table may declare: Gravitino's type system, written as text. Primitives
/// by Gravitino's name or a common SQL alias (<c>long</c> or <c>bigint</c>, <c>string</c> or
/// <c>text</c>, <c>integer unsigned</c>), parameterized ones with their numbers
/// (<c>decimal(10,2)</c>, <c>varchar(255)</c>, <c>timestamp(6)</c>), and complex ones
/// (<c>list&lt;T&gt;</c>, <c>map&lt;K,V&gt;</c>, <c>struct&lt;name:T,…&gt;</c>, <c>union&lt;T,…&gt;</c>).
/// The rules follow Gravitino's <c>Types</c> (api/src/main/java/org/apache/gravitino/rel/types/Types.java).
/// </summary>
public static class DataTypes
{
    /// <summary>The accepted forms, for error messages.</summary>
    public const string AcceptedForms =
        "boolean, byte (tinyint), short (smallint), integer (int), long (bigint), float (real), double, date, time, timestamp, " +
        "timestamp_tz, string (text), binary, uuid, interval_day, interval_year, variant, null, geometry, geography, " +
        "decimal(p,s), char(n), varchar(n), fixed(n), time(p), timestamp(p), timestamp_tz(p), an integer type with ' unsigned', " +
        "list<T> (array<T>), map<K,V>, struct<name:T,...>, union<T,...>";

    internal static readonly Dictionary<string, string> Primitives = new(StringComparer.OrdinalIgnoreCase)
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

    // Types already found valid: every column of every table written is checked, and a catalog
    // uses a few dozen type texts, so a check is mostly one lookup. Bounded in count and in the
    // length of what it keeps, and only valid texts are kept, so odd input cannot grow it.
    private const int ValidatedCapacity = 4096;
    private const int ValidatedMaxLength = 256;
    private static readonly ConcurrentDictionary<string, bool> Validated = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="text"/> names a Gravitino data type in one of the <see cref="AcceptedForms"/>.</summary>
    public static bool IsValid(string? text)
    {
        if (text is null)
        {
            return false;
        }

        if (Validated.ContainsKey(text))
        {
            return true;
        }

        if (Parse(text.Trim()) is null)
        {
            return false;
        }

        if (text.Length <= ValidatedMaxLength && Validated.Count < ValidatedCapacity)
        {
            Validated.TryAdd(text, true);
        }

        return true;
    }

    /// <summary>The shape of a type: a primitive's canonical name, or a complex type's kind and parts; null when it is no type.</summary>
    internal static DataTypeShape? Parse(string text)
    {
        if (Primitive(text) is { } primitive)
        {
            return new DataTypeShape(primitive, []);
        }

        var open = text.IndexOf('<', StringComparison.Ordinal);
        if (open <= 0 || text[^1] != '>' || SplitTopLevel(text[(open + 1)..^1], ',') is not { } parts)
        {
            return null;
        }

        var head = text[..open].Trim().ToLowerInvariant();
        return head switch
        {
            "array" or "list" when parts.Count == 1 && IsValid(parts[0]) => new DataTypeShape("list", parts),
            "map" when parts.Count == 2 && parts.All(IsValid) => new DataTypeShape("map", parts),
            "union" or "uniontype" when parts.Count > 0 && parts.All(IsValid) => new DataTypeShape("union", parts),
            "struct" when parts.Count > 0 && parts.All(part => StructField(part) is { } field && IsValid(field.Type)) => new DataTypeShape("struct", parts),
            _ => null,
        };
    }

    /// <summary>A struct field's name and type text (<c>name:type</c>), or null.</summary>
    internal static (string Name, string Type)? StructField(string field)
    {
        var colon = field.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        var name = field[..colon].Trim();
        return name.Length == 0 ? null : (name, field[(colon + 1)..]);
    }

    private static string? Primitive(string text)
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

    /// <summary>Splits at <paramref name="separator"/> outside brackets; null when the brackets do not balance or a part is empty.</summary>
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
}

/// <summary>A parsed data type: a primitive (<see cref="Parts"/> empty) or a complex kind with the text of its parts.</summary>
internal sealed record DataTypeShape(string Kind, List<string> Parts);
