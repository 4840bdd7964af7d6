using System.Globalization;
using Npgsql;
using OrleansCache.Naming;
using OrleansCache.Origin.Gravitino.Replication;
using OrleansCache.Origin.Gravitino.Store;

namespace OrleansCache.Origin.Gravitino.Polling;

/// <summary>
/// One pass over every live entity of the origin: its name and a hash of the rows that make it up
/// (its <c>*_meta</c> row, whose <c>current_version</c> moves with every versioned alter; for a model
/// version, its URI rows and aliases). Comparing two passes finds what the change log does not
/// record: creates, content alters, models and their versions, descendants of a cascade.
/// </summary>
internal static class OriginFingerprints
{
    /// <summary>What one pass saw: for each live entity, its name and the hash of its rows.</summary>
    public static async Task<Dictionary<EntityRef, (string Name, string Hash)>> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<EntityRef, (string, string)>();
        foreach (var table in new[] { EntityTable.Metalake, EntityTable.Catalog, EntityTable.Schema, EntityTable.Table_, EntityTable.Fileset, EntityTable.Topic, EntityTable.Model, EntityTable.Tag, EntityTable.Policy })
        {
            var sql = $"SELECT {table.IdColumn}, {table.NameColumn}, md5(e::text) FROM {table.Table} e WHERE deleted_at = 0";
            await ReadRowsAsync(connection, sql, reader => (new EntityRef(table.Kind, reader.GetInt64(0)), reader.GetString(1), reader.GetString(2)), seen, cancellationToken);
        }

        const string ModelVersions = """
            SELECT v.model_id, v.version, md5(string_agg(v::text, ',' ORDER BY v.id) || coalesce((
                SELECT string_agg(a::text, ',' ORDER BY a.id) FROM model_version_alias_rel a
                WHERE a.model_id = v.model_id AND a.model_version = v.version AND a.deleted_at = 0), ''))
            FROM model_version_info v WHERE v.deleted_at = 0 GROUP BY v.model_id, v.version
            """;
        await ReadRowsAsync(
            connection,
            ModelVersions,
            reader => (new EntityRef(EntityKind.ModelVersion, reader.GetInt64(0), reader.GetInt32(1)), reader.GetInt32(1).ToString(CultureInfo.InvariantCulture), reader.GetString(2)),
            seen,
            cancellationToken);
        return seen;
    }

    /// <summary>What changed from <paramref name="before"/> to <paramref name="now"/>, as the rows a change feed would have carried.</summary>
    public static List<RowFacts> Compare(
        IReadOnlyDictionary<EntityRef, (string Name, string Hash)> before,
        IReadOnlyDictionary<EntityRef, (string Name, string Hash)> now)
    {
        var changed = new List<RowFacts>();
        foreach (var (entity, current) in now)
        {
            if (!before.TryGetValue(entity, out var previous))
            {
                changed.Add(new RowFacts(entity, current.Name, Deleted: false, Created: true));
            }
            else if (previous.Hash != current.Hash)
            {
                changed.Add(new RowFacts(entity, current.Name, Deleted: false, Created: false));
            }
        }

        foreach (var (entity, previous) in before)
        {
            if (!now.ContainsKey(entity))
            {
                changed.Add(new RowFacts(entity, previous.Name, Deleted: true, Created: false));
            }
        }

        return changed;
    }

    private static async Task ReadRowsAsync(
        NpgsqlConnection connection,
        string sql,
        Func<NpgsqlDataReader, (EntityRef Entity, string Name, string Hash)> map,
        Dictionary<EntityRef, (string, string)> into,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (entity, name, hash) = map(reader);
            into[entity] = (name, hash);
        }
    }
}
