using System.Collections.Immutable;
using System.Globalization;
using Npgsql;
using OrleansCache.Entities;
using OrleansCache.Naming;

namespace OrleansCache.Origin.Gravitino.Store;

/// <summary>
/// Reads one live entity by id, the way Gravitino's mappers assemble it: a table from
/// <c>table_meta</c>, its <c>table_version_info</c> row at <c>current_version</c> (absent for
/// Hive-style catalogs) and its columns as of that version (the newest row per column id at or below
/// it, minus deleted ones); a fileset and a policy from their version rows at
/// <c>current_version</c>; a model version from its rows and live aliases.
/// </summary>
internal static class EntityReader
{
    private const int ColumnDeleted = 3;

    public static async Task<EntityRead?> ReadAsync(NpgsqlConnection connection, EntityKind kind, long id, CancellationToken cancellationToken)
    {
        var sql = kind switch
        {
            EntityKind.Metalake => "SELECT audit_info, metalake_comment, properties FROM metalake_meta WHERE metalake_id = $1",
            EntityKind.Catalog => "SELECT audit_info, catalog_comment, properties, type, provider FROM catalog_meta WHERE catalog_id = $1",
            EntityKind.Schema => "SELECT audit_info, schema_comment, properties FROM schema_meta WHERE schema_id = $1",
            EntityKind.Topic => "SELECT audit_info, comment, properties FROM topic_meta WHERE topic_id = $1",
            EntityKind.Model => "SELECT audit_info, model_comment, model_properties FROM model_meta WHERE model_id = $1",
            EntityKind.Tag => "SELECT audit_info, tag_comment, properties FROM tag_meta WHERE tag_id = $1",
            EntityKind.Table => "SELECT t.audit_info, v.comment, v.properties, v.partitioning, v.distribution, v.sort_orders, v.indexes, t.current_version"
                + " FROM table_meta t LEFT JOIN table_version_info v ON v.table_id = t.table_id AND v.version = t.current_version AND v.deleted_at = 0"
                + " WHERE t.table_id = $1",
            EntityKind.Fileset => "SELECT f.audit_info, v.fileset_comment, v.properties, f.type, v.storage_location"
                + " FROM fileset_meta f LEFT JOIN fileset_version_info v ON v.fileset_id = f.fileset_id AND v.version = f.current_version AND v.deleted_at = 0"
                + " WHERE f.fileset_id = $1 ORDER BY v.storage_location_name <> 'default', v.storage_location_name LIMIT 1",
            EntityKind.Policy => "SELECT p.audit_info, v.policy_comment, NULL, p.policy_type, v.enabled, v.content"
                + " FROM policy_meta p LEFT JOIN policy_version_info v ON v.policy_id = p.policy_id AND v.version = p.current_version AND v.deleted_at = 0"
                + " WHERE p.policy_id = $1",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not read by id."),
        };

        EntityPayload payload;
        AuditInfo audit;
        long tableVersion = 0;
        await using (var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = id } } })
        await using (var row = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await row.ReadAsync(cancellationToken))
            {
                return null;
            }

            audit = GravitinoJson.Audit(Text(row, 0));
            var comment = Text(row, 1);
            var properties = GravitinoJson.Properties(Text(row, 2));
            payload = kind switch
            {
                EntityKind.Metalake => new MetalakePayload { Comment = comment, Properties = properties },
                EntityKind.Catalog => new CatalogPayload { Comment = comment, Properties = properties, Type = CatalogTypeOf(row.GetString(3)), Provider = row.GetString(4) },
                EntityKind.Schema => new SchemaPayload { Comment = comment, Properties = properties },
                EntityKind.Topic => new TopicPayload { Comment = comment, Properties = properties },
                EntityKind.Model => new ModelPayload { Comment = comment, Properties = properties },
                EntityKind.Tag => new TagPayload { Comment = comment, Properties = properties },
                EntityKind.Table => new TablePayload
                {
                    Comment = comment,
                    Properties = properties,
                    Partitioning = GravitinoJson.Elements(Text(row, 3)),
                    Distribution = GravitinoJson.Compact(Text(row, 4)),
                    SortOrders = GravitinoJson.Elements(Text(row, 5)),
                    Indexes = GravitinoJson.Elements(Text(row, 6)),
                },
                EntityKind.Fileset => new FilesetPayload
                {
                    Comment = comment,
                    Properties = properties,
                    Type = string.Equals(row.GetString(3), "EXTERNAL", StringComparison.OrdinalIgnoreCase) ? FilesetType.External : FilesetType.Managed,
                    StorageLocation = Text(row, 4) ?? string.Empty,
                },
                _ => new PolicyPayload { Comment = comment, PolicyType = row.GetString(3), Enabled = row.IsDBNull(4) || row.GetBoolean(4), Content = Text(row, 5) },
            };
            if (kind == EntityKind.Table)
            {
                tableVersion = row.GetInt32(7);
            }
        }

        if (payload is TablePayload table)
        {
            payload = table with { Columns = await ColumnsAsync(connection, id, tableVersion, cancellationToken) };
        }

        return new EntityRead(payload, audit, id.ToString(CultureInfo.InvariantCulture));
    }

    public static async Task<EntityRead?> ReadModelVersionAsync(NpgsqlConnection connection, long modelId, int version, CancellationToken cancellationToken)
    {
        const string Sql = "SELECT audit_info, model_version_comment, model_version_properties, model_version_uri FROM model_version_info"
            + " WHERE model_id = $1 AND version = $2 AND deleted_at = 0 ORDER BY model_version_uri_name <> 'unknown', model_version_uri_name LIMIT 1";
        const string AliasSql = "SELECT model_version_alias FROM model_version_alias_rel WHERE model_id = $1 AND model_version = $2 AND deleted_at = 0 ORDER BY 1";
        AuditInfo audit;
        ModelVersionPayload payload;
        await using (var command = new NpgsqlCommand(Sql, connection) { Parameters = { new() { Value = modelId }, new() { Value = version } } })
        await using (var row = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await row.ReadAsync(cancellationToken))
            {
                return null;
            }

            audit = GravitinoJson.Audit(Text(row, 0));
            payload = new ModelVersionPayload { Comment = Text(row, 1), Properties = GravitinoJson.Properties(Text(row, 2)), Uri = row.GetString(3) };
        }

        var aliases = ImmutableArray.CreateBuilder<string>();
        await using (var command = new NpgsqlCommand(AliasSql, connection) { Parameters = { new() { Value = modelId }, new() { Value = version } } })
        await using (var row = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await row.ReadAsync(cancellationToken))
            {
                aliases.Add(row.GetString(0));
            }
        }

        return new EntityRead(payload with { Aliases = aliases.ToImmutable() }, audit, ModelVersionId(modelId, version));
    }

    /// <summary>The origin id of a model version: its model's id and its number.</summary>
    public static string ModelVersionId(long modelId, int version) => string.Create(CultureInfo.InvariantCulture, $"{modelId}:{version}");

    private static async Task<ImmutableArray<Column>> ColumnsAsync(NpgsqlConnection connection, long tableId, long version, CancellationToken cancellationToken)
    {
        // Gravitino's listColumnPOsByTableIdAndVersion, then without the columns deleted by then.
        const string Sql = "SELECT c.column_name, c.column_type, c.column_comment, c.column_nullable, c.column_auto_increment, c.column_default_value, c.column_op_type"
            + " FROM table_column_version_info c JOIN ("
            + " SELECT column_id, MAX(table_version) AS max_version FROM table_column_version_info"
            + " WHERE table_id = $1 AND table_version <= $2 AND deleted_at = 0 GROUP BY column_id) newest"
            + " ON c.column_id = newest.column_id AND c.table_version = newest.max_version"
            + " WHERE c.table_id = $1 AND c.deleted_at = 0 ORDER BY c.column_position";
        var columns = ImmutableArray.CreateBuilder<Column>();
        await using var command = new NpgsqlCommand(Sql, connection) { Parameters = { new() { Value = tableId }, new() { Value = (int)version } } };
        await using var row = await command.ExecuteReaderAsync(cancellationToken);
        while (await row.ReadAsync(cancellationToken))
        {
            if (row.GetInt16(6) == ColumnDeleted)
            {
                continue;
            }

            columns.Add(new Column
            {
                Name = row.GetString(0),
                DataType = GravitinoJson.DataType(row.GetString(1)),
                Comment = Text(row, 2) is { Length: > 0 } comment ? comment : null,
                Nullable = row.GetInt16(3) != 0,
                AutoIncrement = row.GetInt16(4) != 0,
                DefaultValue = Text(row, 5),
            });
        }

        return columns.ToImmutable();
    }

    private static CatalogType CatalogTypeOf(string type) => type.ToUpperInvariant() switch
    {
        "FILESET" => CatalogType.Fileset,
        "MESSAGING" => CatalogType.Messaging,
        "MODEL" => CatalogType.Model,
        _ => CatalogType.Relational,
    };

    private static string? Text(NpgsqlDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);
}
