using Npgsql;

namespace OrleansCache.Tests.Origin;

/// <summary>
/// Writes Gravitino's store the way Gravitino's server does, from its own connections: inserts with
/// versions, alters that bump <c>current_version</c>/<c>last_version</c> and add version rows,
/// renames that change only the name, soft deletes (<c>deleted_at</c>), and cascades as bulk
/// updates by parent id in one transaction (leaving <c>table_version_info</c> rows live).
/// </summary>
public sealed class GravitinoWriter(string connectionString)
{
    private static long _nextId = DateTime.UtcNow.Ticks / 1000;

    public const string Audit = """{"creator":"gravitino","createTime":"2026-01-02T03:04:05Z","lastModifier":"gravitino","lastModifiedTime":"2026-01-02T03:04:05Z"}""";

    /// <summary>
    /// A row of <c>entity_change_log</c> as Gravitino's services write it in the transaction of the
    /// change ($1 metalake, $2 entity type, $3 full name before the change, $4 1 alter / 2 drop),
    /// stamped with the transaction's start in Unix ms.
    /// </summary>
    public const string ChangeLogInsert = "INSERT INTO entity_change_log (metalake_name, entity_type, entity_full_name, operate_type, created_at) VALUES ($1,$2,$3,$4,(extract(epoch from now()) * 1000)::bigint)";

    public static long NewId() => Interlocked.Increment(ref _nextId);

    /// <summary>A metalake named uniquely from <paramref name="prefix"/>, with a relational catalog <c>rel</c> and a schema <c>s</c>.</summary>
    public async Task<(string LakeName, long Lake, long Catalog, long Schema)> HierarchyAsync(string prefix)
    {
        var lakeName = OrleansCache.Tests.Infrastructure.Payloads.Unique(prefix);
        var lake = await MetalakeAsync(lakeName);
        var catalog = await CatalogAsync(lake, "rel");
        var schema = await SchemaAsync(lake, catalog, "s");
        return (lakeName, lake, catalog, schema);
    }

    public async Task<long> MetalakeAsync(string name, string? comment = "a lake", string? properties = """{"k":"v"}""")
    {
        var id = NewId();
        await ExecAsync("INSERT INTO metalake_meta (metalake_id, metalake_name, metalake_comment, properties, audit_info, schema_version) VALUES ($1,$2,$3,$4,$5,'{\"version\":\"V_0_1\"}')", id, name, comment, properties, Audit);
        return id;
    }

    public async Task<long> CatalogAsync(long metalake, string name, string type = "relational", string provider = "lakehouse-iceberg")
    {
        var id = NewId();
        await ExecAsync("INSERT INTO catalog_meta (catalog_id, catalog_name, metalake_id, type, provider, catalog_comment, properties, audit_info) VALUES ($1,$2,$3,$4,$5,'cat','{}',$6)", id, name, metalake, type, provider, Audit);
        return id;
    }

    public async Task<long> SchemaAsync(long metalake, long catalog, string name)
    {
        var id = NewId();
        await ExecAsync("INSERT INTO schema_meta (schema_id, schema_name, metalake_id, catalog_id, schema_comment, properties, audit_info) VALUES ($1,$2,$3,$4,'sch','{\"owner\":\"a\"}',$5)", id, name, metalake, catalog, Audit);
        return id;
    }

    /// <summary>A managed table: its row, its version row 1 and its columns at version 1, in one transaction.</summary>
    public Task<long> TableAsync(long metalake, long catalog, long schema, string name, params (string Name, string TypeJson)[] columns) =>
        TableAsync(metalake, catalog, schema, name, "v1", columns);

    /// <summary>A managed table whose version row 1 carries <paramref name="comment"/>.</summary>
    public async Task<long> TableAsync(long metalake, long catalog, long schema, string name, string comment, params (string Name, string TypeJson)[] columns)
    {
        var id = NewId();
        await InTransactionAsync(async (connection, transaction) =>
        {
            await ExecAsync(connection, transaction, "INSERT INTO table_meta (table_id, table_name, metalake_id, catalog_id, schema_id, audit_info) VALUES ($1,$2,$3,$4,$5,$6)", id, name, metalake, catalog, schema, Audit);
            await ExecAsync(connection, transaction, "INSERT INTO table_version_info (table_id, format, properties, partitioning, distribution, sort_orders, indexes, \"comment\", version, deleted_at) VALUES ($1,'iceberg','{\"p\":\"1\"}','[{\"strategy\":\"identity\",\"fieldName\":[\"id\"]}]',NULL,'[]','[]',$2,1,0)", id, comment);
            for (var position = 0; position < columns.Length; position++)
            {
                await ExecAsync(connection, transaction, "INSERT INTO table_column_version_info (metalake_id, catalog_id, schema_id, table_id, table_version, column_id, column_name, column_position, column_type, column_comment, column_op_type, audit_info) VALUES ($1,$2,$3,$4,1,$5,$6,$7,$8,'',1,$9)",
                    metalake, catalog, schema, id, NewId(), columns[position].Name, position, columns[position].TypeJson, Audit);
            }
        });
        return id;
    }

    /// <summary>An alter: bumps the table's versions, adds version row <c>n</c> with <paramref name="comment"/> and, optionally, a column at version <c>n</c>.</summary>
    public Task AlterTableAsync(long table, string comment, (string Name, string TypeJson)? addColumn = null) =>
        InTransactionAsync(async (connection, transaction) =>
        {
            await using var bump = new NpgsqlCommand("UPDATE table_meta SET current_version = last_version + 1, last_version = last_version + 1 WHERE table_id = $1 RETURNING current_version, metalake_id, catalog_id, schema_id", connection, transaction) { Parameters = { new() { Value = table } } };
            int version;
            long metalake, catalog, schema;
            await using (var reader = await bump.ExecuteReaderAsync())
            {
                await reader.ReadAsync();
                (version, metalake, catalog, schema) = (reader.GetInt32(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
            }

            await ExecAsync(connection, transaction, "INSERT INTO table_version_info (table_id, format, properties, partitioning, distribution, sort_orders, indexes, \"comment\", version, deleted_at) VALUES ($1,'iceberg','{}','[]',NULL,'[]','[]',$2,$3,0)", table, comment, (long)version);
            if (addColumn is { } column)
            {
                await ExecAsync(connection, transaction, "INSERT INTO table_column_version_info (metalake_id, catalog_id, schema_id, table_id, table_version, column_id, column_name, column_position, column_type, column_comment, column_op_type, audit_info) VALUES ($1,$2,$3,$4,$5,$6,$7,100,$8,'',1,$9)",
                    metalake, catalog, schema, table, version, NewId(), column.Name, column.TypeJson, Audit);
            }
        });

    /// <summary>A rename: only the name changes (children keep pointing at the id).</summary>
    public Task RenameAsync(string table, string idColumn, string nameColumn, long id, string newName) =>
        ExecAsync($"UPDATE {table} SET {nameColumn} = $1 WHERE {idColumn} = $2 AND deleted_at = 0", newName, id);

    /// <summary>A soft delete of one row.</summary>
    public Task SoftDeleteAsync(string table, string idColumn, long id) =>
        ExecAsync($"UPDATE {table} SET deleted_at = $1 WHERE {idColumn} = $2 AND deleted_at = 0", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), id);

    /// <summary>A catalog dropped with cascade: bulk soft deletes by the catalog's id, in one transaction.</summary>
    public Task DropCatalogCascadeAsync(long catalog) =>
        InTransactionAsync(async (connection, transaction) =>
        {
            var at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            foreach (var table in new[] { "table_column_version_info", "table_meta", "fileset_version_info", "fileset_meta", "topic_meta", "model_version_info", "model_meta", "schema_meta", "catalog_meta" })
            {
                await ExecAsync(connection, transaction, $"UPDATE {table} SET deleted_at = $1 WHERE catalog_id = $2 AND deleted_at = 0", at, catalog);
            }
        });

    public async Task<long> FilesetAsync(long metalake, long catalog, long schema, string name, string location)
    {
        var id = NewId();
        await InTransactionAsync(async (connection, transaction) =>
        {
            await ExecAsync(connection, transaction, "INSERT INTO fileset_meta (fileset_id, fileset_name, metalake_id, catalog_id, schema_id, type, audit_info) VALUES ($1,$2,$3,$4,$5,'MANAGED',$6)", id, name, metalake, catalog, schema, Audit);
            await ExecAsync(connection, transaction, "INSERT INTO fileset_version_info (metalake_id, catalog_id, schema_id, fileset_id, version, fileset_comment, properties, storage_location) VALUES ($1,$2,$3,$4,1,'fs','{}',$5)", metalake, catalog, schema, id, location);
        });
        return id;
    }

    public async Task<long> TopicAsync(long metalake, long catalog, long schema, string name)
    {
        var id = NewId();
        await ExecAsync("INSERT INTO topic_meta (topic_id, topic_name, metalake_id, catalog_id, schema_id, comment, properties, audit_info) VALUES ($1,$2,$3,$4,$5,'tp','{\"partitions\":\"3\"}',$6)", id, name, metalake, catalog, schema, Audit);
        return id;
    }

    public async Task<long> ModelAsync(long metalake, long catalog, long schema, string name)
    {
        var id = NewId();
        await ExecAsync("INSERT INTO model_meta (model_id, model_name, metalake_id, catalog_id, schema_id, model_comment, model_properties, audit_info) VALUES ($1,$2,$3,$4,$5,'md','{}',$6)", id, name, metalake, catalog, schema, Audit);
        return id;
    }

    /// <summary>Links a model version with aliases and bumps the model's latest version, as Gravitino does.</summary>
    public Task ModelVersionAsync(long metalake, long catalog, long schema, long model, int version, string uri, params string[] aliases) =>
        InTransactionAsync(async (connection, transaction) =>
        {
            await ExecAsync(connection, transaction, "INSERT INTO model_version_info (metalake_id, catalog_id, schema_id, model_id, version, model_version_comment, model_version_properties, model_version_uri_name, model_version_uri, audit_info) VALUES ($1,$2,$3,$4,$5,'mv','{}','unknown',$6,$7)", metalake, catalog, schema, model, version, uri, Audit);
            foreach (var alias in aliases)
            {
                await ExecAsync(connection, transaction, "INSERT INTO model_version_alias_rel (model_id, model_version, model_version_alias) VALUES ($1,$2,$3)", model, version, alias);
            }

            await ExecAsync(connection, transaction, "UPDATE model_meta SET model_latest_version = $1 + 1 WHERE model_id = $2", version, model);
        });

    public async Task<long> TagAsync(long metalake, string name)
    {
        var id = NewId();
        await ExecAsync("INSERT INTO tag_meta (tag_id, tag_name, metalake_id, tag_comment, properties, audit_info) VALUES ($1,$2,$3,'tg','{\"color\":\"red\"}',$4)", id, name, metalake, Audit);
        return id;
    }

    public async Task<long> PolicyAsync(long metalake, string name, string content)
    {
        var id = NewId();
        await InTransactionAsync(async (connection, transaction) =>
        {
            await ExecAsync(connection, transaction, "INSERT INTO policy_meta (policy_id, policy_name, policy_type, metalake_id, audit_info) VALUES ($1,$2,'custom',$3,$4)", id, name, metalake, Audit);
            await ExecAsync(connection, transaction, "INSERT INTO policy_version_info (metalake_id, policy_id, version, policy_comment, enabled, content) VALUES ($1,$2,1,'pl',true,$3)", metalake, id, content);
        });
        return id;
    }

    public async Task ExecAsync(string sql, params object?[] values)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecAsync(connection, null, sql, values);
    }

    public async Task InTransactionAsync(Func<NpgsqlConnection, NpgsqlTransaction, Task> work)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await work(connection, transaction);
        await transaction.CommitAsync();
    }

    public static async Task ExecAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params object?[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(value is null
                ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text }
                : new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync();
    }
}
