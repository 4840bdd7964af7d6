using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Npgsql;
using OrleansCache.Naming;
using OrleansCache.Origin.Gravitino.Store;
using OrleansCache.Origins;

namespace OrleansCache.Origin.Gravitino.Replication;

/// <summary>
/// Turns the rows one transaction changed into the entities it touched, each named by its
/// container (by the ids the rows point at, whatever names those containers have now: children
/// keep their container's id across its renames) and the origin id. A row of an entity's own
/// <c>*_meta</c> table gives its name and whether it was deleted as of the commit; other rows only
/// say the entity changed, and the rest is read back.
/// </summary>
internal sealed class ChangeResolver(NpgsqlDataSource source)
{
    public async Task<ImmutableArray<OriginChange>> ResolveAsync(IReadOnlyList<RowFacts> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        // The last row of an entity speaks for it; a creation anywhere in the transaction counts.
        var facts = new Dictionary<EntityRef, (string? Name, bool? Deleted, bool Created)>();
        foreach (var row in rows)
        {
            facts.TryGetValue(row.Entity, out var known);
            facts[row.Entity] = (row.Name ?? known.Name, row.Deleted ?? known.Deleted, known.Created || row.Created);
        }

        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        var changes = ImmutableArray.CreateBuilder<OriginChange>(facts.Count);
        foreach (var group in facts.GroupBy(pair => pair.Key.Kind))
        {
            var kind = group.Key;
            var containerKind = kind == EntityKind.ModelVersion ? EntityKind.Model : kind;
            var ids = group.Select(pair => pair.Key.Id).Distinct().ToArray();
            var resolved = await ResolveAsync(connection, containerKind, ids, cancellationToken);
            foreach (var (entity, fact) in group)
            {
                if (!resolved.TryGetValue(entity.Id, out var found))
                {
                    continue;
                }

                try
                {
                    if (kind == EntityKind.ModelVersion)
                    {
                        var exists = fact.Deleted is { } deleted ? !deleted : await ModelVersionExistsAsync(connection, entity, cancellationToken);
                        var name = entity.Version.ToString(CultureInfo.InvariantCulture);
                        changes.Add(new OriginChange(found.Key, kind, entity.OriginId, name, exists, fact.Created && exists));
                    }
                    else
                    {
                        var exists = fact.Deleted is { } deleted ? !deleted : !found.Deleted;
                        changes.Add(new OriginChange(found.Key.Parent, kind, entity.OriginId, fact.Name ?? found.Key.Identifier.Name, exists, fact.Created && exists));
                    }
                }
                catch (Errors.InvalidNameException)
                {
                    // Names the cache cannot address were never cached under them.
                }
            }
        }

        return changes.ToImmutable();
    }

    /// <summary>The keys (current names) of the rows <paramref name="ids"/> of <paramref name="kind"/>, deleted or not.</summary>
    private static async Task<Dictionary<long, (EntityKey Key, bool Deleted)>> ResolveAsync(
        NpgsqlConnection connection, EntityKind kind, long[] ids, CancellationToken cancellationToken)
    {
        var chain = EntityTable.Chain(kind);
        var last = chain.Count - 1;
        var sql = new StringBuilder($"SELECT e{last}.{chain[last].IdColumn}, e{last}.deleted_at");
        for (var level = 0; level < chain.Count; level++)
        {
            sql.Append(CultureInfo.InvariantCulture, $", e{level}.{chain[level].NameColumn}");
        }

        sql.Append(CultureInfo.InvariantCulture, $" FROM {chain[last].Table} e{last}");
        for (var level = last - 1; level >= 0; level--)
        {
            sql.Append(CultureInfo.InvariantCulture, $" JOIN {chain[level].Table} e{level} ON e{level}.{chain[level].IdColumn} = e{level + 1}.{chain[level + 1].ContainerColumn}");
        }

        sql.Append(CultureInfo.InvariantCulture, $" WHERE e{last}.{chain[last].IdColumn} = ANY($1)");
        await using var command = new NpgsqlCommand(sql.ToString(), connection) { Parameters = { new() { Value = ids } } };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var resolved = new Dictionary<long, (EntityKey, bool)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var levels = new string[chain.Count];
            for (var level = 0; level < chain.Count; level++)
            {
                levels[level] = reader.GetString(2 + level);
            }

            try
            {
                resolved[reader.GetInt64(0)] = (EntityKey.Of(kind, NameIdentifier.Of(levels)), reader.GetInt64(1) != 0);
            }
            catch (Errors.InvalidNameException)
            {
                // Not addressable in the cache, so never cached.
            }
        }

        return resolved;
    }

    private static async Task<bool> ModelVersionExistsAsync(NpgsqlConnection connection, EntityRef entity, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM model_version_info WHERE model_id = $1 AND version = $2 AND deleted_at = 0)",
            connection) { Parameters = { new() { Value = entity.Id }, new() { Value = entity.Version } } };
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
