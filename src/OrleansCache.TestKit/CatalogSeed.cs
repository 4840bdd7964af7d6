using OrleansCache.Client;
using OrleansCache.Entities;
using OrleansCache.Errors;
using OrleansCache.Naming;

namespace OrleansCache.TestKit;

/// <summary>Seeds a catalog for a test from a compact description.</summary>
public static class CatalogSeed
{
    /// <summary>
    /// Creates each entity described, and every missing ancestor, through <paramref name="client"/>.
    /// An entry is a dotted name whose depth says the kind: <c>lake</c> (metalake), <c>lake.sales</c>
    /// (a relational catalog), <c>lake.sales.orders</c> (schema) or
    /// <c>lake.sales.orders.items(id bigint, name string)</c> (table, with its columns; without the
    /// parentheses a table gets one column <c>id bigint</c>). Entities that exist already are left
    /// as they are.
    /// </summary>
    /// <returns>The keys of the entries, in order.</returns>
    /// <exception cref="FormatException">An entry is not written as above.</exception>
    /// <exception cref="InvalidNameException">A name breaks Gravitino's naming rules.</exception>
    /// <remarks>Every entry is checked before the first is created, so a bad entry creates nothing.</remarks>
    public static async Task<IReadOnlyList<EntityKey>> SeedAsync(this IOrleansCacheClient client, params string[] entries)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(entries);
        // Every entry is checked before anything is created: a bad one changes nothing.
        var parsed = entries.Select(Parse).ToList();
        foreach (var (key, columns) in parsed)
        {
            for (var level = 1; level <= key.Identifier.Depth; level++)
            {
                var ancestor = KeyAt(key, level);
                await CreateIfMissingAsync(client, ancestor, ancestor == key ? columns : null);
            }
        }

        return [.. parsed.Select(entry => entry.Key)];
    }

    private static (EntityKey Key, IReadOnlyList<Column>? Columns) Parse(string entry)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entry);
        var open = entry.IndexOf('(', StringComparison.Ordinal);
        var name = open < 0 ? entry.Trim() : entry[..open].Trim();
        var levels = name.Split('.');
        if (levels.Length is < 1 or > 4)
        {
            throw new FormatException($"'{entry}': a seed entry is metalake[.catalog[.schema[.table(columns)]]].");
        }

        var key = EntityKey.Of(KindAt(levels.Length), name);
        if (open < 0)
        {
            return (key, null);
        }

        if (levels.Length != 4 || !entry.TrimEnd().EndsWith(')'))
        {
            throw new FormatException($"'{entry}': only a table takes columns, written table(name type, name type).");
        }

        var list = entry[(open + 1)..entry.LastIndexOf(')')];
        var columns = SplitTopLevel(list).Select(column =>
        {
            var parts = column.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return parts.Length == 2
                ? new Column { Name = parts[0], DataType = parts[1] }
                : throw new FormatException($"'{entry}': column '{column.Trim()}' is not 'name type'.");
        }).ToList();
        return (key, columns);
    }

    /// <summary>Splits on commas outside parentheses, so <c>decimal(10,2)</c> stays one type.</summary>
    private static IEnumerable<string> SplitTopLevel(string list)
    {
        var (depth, start) = (0, 0);
        for (var i = 0; i < list.Length; i++)
        {
            depth += list[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (list[i] == ',' && depth == 0)
            {
                yield return list[start..i];
                start = i + 1;
            }
        }

        if (list[start..].Trim().Length > 0)
        {
            yield return list[start..];
        }
    }

    private static EntityKind KindAt(int depth) => depth switch
    {
        1 => EntityKind.Metalake,
        2 => EntityKind.Catalog,
        3 => EntityKind.Schema,
        _ => EntityKind.Table,
    };

    private static EntityKey KeyAt(EntityKey key, int depth)
    {
        var levels = key.Identifier.Levels;
        return EntityKey.Of(KindAt(depth), string.Join('.', levels.Take(depth)));
    }

    private static async Task CreateIfMissingAsync(IOrleansCacheClient client, EntityKey key, IReadOnlyList<Column>? columns)
    {
        EntityPayload payload = key.Kind switch
        {
            EntityKind.Metalake => new MetalakePayload(),
            EntityKind.Catalog => new CatalogPayload { Type = CatalogType.Relational, Provider = "hive" },
            EntityKind.Schema => new SchemaPayload(),
            _ => new TablePayload { Columns = [.. columns ?? [new Column { Name = "id", DataType = "bigint" }]] },
        };
        try
        {
            await client.CreateAsync(key, payload);
        }
        catch (EntityAlreadyExistsException)
        {
            // Seeding is idempotent: a shared ancestor of two entries is created once.
        }
    }
}
