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

    /// <summary>
    /// One statement that reads the live entity with id <c>target.id</c> (a common table expression
    /// the caller prefixes), the id first; a table's row repeats once per live column, so the row
    /// and its columns come from one snapshot in one round trip.
    /// </summary>
    public static string Sql(EntityKind kind) => kind switch
    {
        EntityKind.Metalake => "SELECT target.id, audit_info, metalake_comment, properties FROM target JOIN metalake_meta ON metalake_id = target.id",
        EntityKind.Catalog => "SELECT target.id, audit_info, catalog_comment, properties, type, provider FROM target JOIN catalog_meta ON catalog_id = target.id",
        EntityKind.Schema => "SELECT target.id, audit_info, schema_comment, properties FROM target JOIN schema_meta ON schema_id = target.id",
        EntityKind.Topic => "SELECT target.id, audit_info, comment, properties FROM target JOIN topic_meta ON topic_id = target.id",
        EntityKind.Model => "SELECT target.id, audit_info, model_comment, model_properties FROM target JOIN model_meta ON model_id = target.id",
        EntityKind.Tag => "SELECT target.id, audit_info, tag_comment, properties FROM target JOIN tag_meta ON tag_id = target.id",
        EntityKind.Table => "SELECT target.id, t.audit_info, v.comment, v.properties, v.partitioning, v.distribution, v.sort_orders, v.indexes,"
            + " c.column_name, c.column_type, c.column_comment, c.column_nullable, c.column_auto_increment, c.column_default_value, c.column_op_type"
            + " FROM target JOIN table_meta t ON t.table_id = target.id"
            + " LEFT JOIN table_version_info v ON v.table_id = t.table_id AND v.version = t.current_version AND v.deleted_at = 0"
            + " LEFT JOIN LATERAL (" + ColumnsSql + ") c ON true ORDER BY c.column_position",
        EntityKind.Fileset => "SELECT target.id, f.audit_info, v.fileset_comment, v.properties, f.type, v.storage_location"
            + " FROM target JOIN fileset_meta f ON f.fileset_id = target.id"
            + " LEFT JOIN fileset_version_info v ON v.fileset_id = f.fileset_id AND v.version = f.current_version AND v.deleted_at = 0"
            + " ORDER BY v.storage_location_name <> 'default', v.storage_location_name LIMIT 1",
        EntityKind.Policy => "SELECT target.id, p.audit_info, v.policy_comment, NULL, p.policy_type, v.enabled, v.content"
            + " FROM target JOIN policy_meta p ON p.policy_id = target.id"
            + " LEFT JOIN policy_version_info v ON v.policy_id = p.policy_id AND v.version = p.current_version AND v.deleted_at = 0",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not read by id."),
    };

    /// <summary>Reads what <see cref="Sql"/> returned for <paramref name="kind"/>; null when no live row.</summary>
    public static async Task<EntityRead?> ReadAsync(NpgsqlDataReader row, EntityKind kind, CancellationToken cancellationToken)
    {
        if (!await row.ReadAsync(cancellationToken))
        {
            return null;
        }

        var id = row.GetInt64(0);
        var audit = GravitinoJson.Audit(Text(row, 1));
        var comment = Text(row, 2);
        var properties = GravitinoJson.Properties(Text(row, 3));
        EntityPayload payload = kind switch
        {
            EntityKind.Metalake => new MetalakePayload { Comment = comment, Properties = properties },
            EntityKind.Catalog => new CatalogPayload { Comment = comment, Properties = properties, Type = CatalogTypeOf(row.GetString(4)), Provider = row.GetString(5) },
            EntityKind.Schema => new SchemaPayload { Comment = comment, Properties = properties },
            EntityKind.Topic => new TopicPayload { Comment = comment, Properties = properties },
            EntityKind.Model => new ModelPayload { Comment = comment, Properties = properties },
            EntityKind.Tag => new TagPayload { Comment = comment, Properties = properties },
            EntityKind.Table => new TablePayload
            {
                Comment = comment,
                Properties = properties,
                Partitioning = GravitinoJson.Elements(Text(row, 4)),
                Distribution = GravitinoJson.Compact(Text(row, 5)),
                SortOrders = GravitinoJson.Elements(Text(row, 6)),
                Indexes = GravitinoJson.Elements(Text(row, 7)),
                Columns = await ColumnsAsync(row, cancellationToken),
            },
            EntityKind.Fileset => new FilesetPayload
            {
                Comment = comment,
                Properties = properties,
                Type = string.Equals(row.GetString(4), "EXTERNAL", StringComparison.OrdinalIgnoreCase) ? FilesetType.External : FilesetType.Managed,
                StorageLocation = Text(row, 5) ?? string.Empty,
            },
            _ => new PolicyPayload { Comment = comment, PolicyType = row.GetString(4), Enabled = row.IsDBNull(5) || row.GetBoolean(5), Content = Text(row, 6) },
        };
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

    /// <summary>
    /// Gravitino's listColumnPOsByTableIdAndVersion for the table <c>t</c> at its current version
    /// (the newest row per column id at or below it), lateral to the table's row.
    /// </summary>
    private const string ColumnsSql = "SELECT c.column_name, c.column_type, c.column_comment, c.column_nullable, c.column_auto_increment,"
        + " c.column_default_value, c.column_op_type, c.column_position FROM table_column_version_info c JOIN ("
        + " SELECT column_id, MAX(table_version) AS max_version FROM table_column_version_info"
        + " WHERE table_id = t.table_id AND table_version <= t.current_version AND deleted_at = 0 GROUP BY column_id) newest"
        + " ON c.column_id = newest.column_id AND c.table_version = newest.max_version"
        + " WHERE c.table_id = t.table_id AND c.deleted_at = 0";

    /// <summary>The table's columns, one per row from the current row on, without those deleted by its version.</summary>
    private static async Task<ImmutableArray<Column>> ColumnsAsync(NpgsqlDataReader row, CancellationToken cancellationToken)
    {
        const int First = 8;
        var columns = ImmutableArray.CreateBuilder<Column>();
        do
        {
            if (row.IsDBNull(First) || row.GetInt16(First + 6) == ColumnDeleted)
            {
                continue;
            }

            columns.Add(new Column
            {
                Name = row.GetString(First),
                DataType = GravitinoJson.DataType(row.GetString(First + 1)),
                Comment = Text(row, First + 2) is { Length: > 0 } comment ? comment : null,
                Nullable = row.GetInt16(First + 3) != 0,
                AutoIncrement = row.GetInt16(First + 4) != 0,
                DefaultValue = Text(row, First + 5),
            });
        }
        while (await row.ReadAsync(cancellationToken));
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
