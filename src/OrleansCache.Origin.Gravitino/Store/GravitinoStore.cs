using System.Collections.Immutable;
using System.Data;
using System.Globalization;
using Npgsql;
using OrleansCache.Entities;
using OrleansCache.Naming;
using OrleansCache.Origins;

namespace OrleansCache.Origin.Gravitino.Store;

/// <summary>
/// Reads entities and lists from Gravitino's relational store. A read first takes the current WAL
/// position, then reads in a snapshot taken after it: every transaction that committed at or below
/// the position is in the snapshot, so the position is a safe version.
/// </summary>
/// <remarks>
/// An entity is one round trip: a batch of the position query and one statement that finds the
/// entity by name and reads it (a table with its columns). Under read committed (PostgreSQL's
/// default) each statement of the batch takes its own snapshot when it starts, so the entity's
/// snapshot is taken after the position was read. A session whose default isolation is stricter
/// would take one snapshot for the whole batch, before the position: then the entity statement is
/// run again on its own (two round trips, as safe).
/// </remarks>
internal sealed class GravitinoStore(NpgsqlDataSource source)
{
    private const string PositionSql = "SELECT (pg_current_wal_lsn() - '0/0')::bigint, current_setting('transaction_isolation')";

    public async Task<OriginEntity?> LoadAsync(EntityKey key, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        long position;
        EntityRead? read;
        if (key.Kind == EntityKind.ModelVersion)
        {
            position = await CurrentPositionAsync(connection, cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            read = await ModelVersionAsync(connection, key, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        else
        {
            bool statementSnapshots;
            await using (var batch = new NpgsqlBatch(connection) { BatchCommands = { new(PositionSql), EntityCommand(key) } })
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
            {
                await reader.ReadAsync(cancellationToken);
                position = reader.GetInt64(0);
                statementSnapshots = reader.GetString(1) == "read committed";
                await reader.NextResultAsync(cancellationToken);
                read = statementSnapshots ? await EntityReader.ReadAsync(reader, key.Kind, cancellationToken) : null;
            }

            if (!statementSnapshots)
            {
                await using var alone = new NpgsqlBatch(connection) { BatchCommands = { EntityCommand(key) } };
                await using var reader = await alone.ExecuteReaderAsync(cancellationToken);
                read = await EntityReader.ReadAsync(reader, key.Kind, cancellationToken);
            }
        }

        if (read is not { } found)
        {
            return null;
        }

        var record = new EntityRecord { Key = key, Payload = found.Payload, Audit = found.Audit, Version = position };
        return new OriginEntity(record, found.OriginId, position);
    }

    /// <summary>The statement that finds <paramref name="key"/>'s live row by name and reads it.</summary>
    private static NpgsqlBatchCommand EntityCommand(EntityKey key)
    {
        var command = new NpgsqlBatchCommand();
        command.CommandText = $"WITH target AS ({IdSql(key, command.Parameters)}) {EntityReader.Sql(key.Kind)}";
        return command;
    }

    public async Task<ImmutableArray<EntityKey>?> ListChildrenAsync(EntityKey container, EntityKind kind, CancellationToken cancellationToken)
    {
        if (kind == EntityKind.Root || EntityHierarchy.ParentKind(kind) != container.Kind)
        {
            return [];
        }

        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        long? containerId = container.Kind == EntityKind.Root ? 0 : await FindIdAsync(connection, container, cancellationToken);
        if (containerId is not { } parent)
        {
            return null;
        }

        await using var command = connection.CreateCommand();
        if (kind == EntityKind.ModelVersion)
        {
            command.CommandText = "SELECT DISTINCT version::text FROM model_version_info WHERE model_id = $1 AND deleted_at = 0";
        }
        else
        {
            var table = EntityTable.For(kind);
            var byParent = table.ContainerColumn is { } column ? $" AND {column} = $1" : " AND $1 = 0";
            command.CommandText = $"SELECT {table.NameColumn} FROM {table.Table} WHERE deleted_at = 0{byParent}";
        }

        command.Parameters.Add(new NpgsqlParameter { Value = parent });
        var names = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                names.Add(reader.GetString(0));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        var keys = new List<EntityKey>(names.Count);
        foreach (var name in names.Order(StringComparer.Ordinal))
        {
            try
            {
                keys.Add(container.Child(kind, name));
            }
            catch (Errors.InvalidNameException)
            {
                // A name Gravitino accepted but the cache's rules do not: it cannot be addressed here.
            }
        }

        return [.. keys];
    }

    /// <summary>
    /// Runs every entity read the origin makes, for names no store holds: PostgreSQL resolves each
    /// statement's tables and columns even when no row matches, so a store that lacks one (an older
    /// Gravitino schema, the wrong database) fails here with SQLSTATE 42P01 or 42703 naming it, not on
    /// a later miss. The change feed's own statements are not covered.
    /// </summary>
    public async Task CheckSchemaAsync(CancellationToken cancellationToken)
    {
        const string Probe = "oc_schema_probe";
        EntityKey[] probes =
        [
            EntityKey.Metalake(Probe), EntityKey.Catalog(Probe, Probe), EntityKey.Schema(Probe, Probe, Probe),
            EntityKey.Table(Probe, Probe, Probe, Probe), EntityKey.Fileset(Probe, Probe, Probe, Probe),
            EntityKey.Topic(Probe, Probe, Probe, Probe), EntityKey.Model(Probe, Probe, Probe, Probe),
            EntityKey.ModelVersion(Probe, Probe, Probe, Probe, 1), EntityKey.Tag(Probe, Probe), EntityKey.Policy(Probe, Probe),
        ];
        foreach (var probe in probes)
        {
            _ = await LoadAsync(probe, cancellationToken);
        }
    }

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT 1 FROM metalake_meta LIMIT 1", connection);
        await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>The current WAL insert position, as the number the feed's commit positions are.</summary>
    internal static async Task<long> CurrentPositionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT (pg_current_wal_lsn() - '0/0')::bigint", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The id of the live row <paramref name="key"/> names (joined down from its metalake), or null.</summary>
    private static async Task<long?> FindIdAsync(NpgsqlConnection connection, EntityKey key, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = IdSql(key, command.Parameters);
        return await command.ExecuteScalarAsync(cancellationToken) is long id ? id : null;
    }

    /// <summary>
    /// A query of the id (column <c>id</c>) of the live row <paramref name="key"/> names, joined down
    /// from its metalake; its names are added to <paramref name="parameters"/> as <c>$1</c>...
    /// </summary>
    private static string IdSql(EntityKey key, NpgsqlParameterCollection parameters)
    {
        var chain = EntityTable.Chain(key.Kind);
        var sql = new System.Text.StringBuilder($"SELECT e{chain.Count - 1}.{chain[^1].IdColumn} AS id FROM {chain[0].Table} e0");
        for (var level = 1; level < chain.Count; level++)
        {
            sql.Append(CultureInfo.InvariantCulture, $" JOIN {chain[level].Table} e{level} ON e{level}.{chain[level].ContainerColumn} = e{level - 1}.{chain[level - 1].IdColumn} AND e{level}.deleted_at = 0");
        }

        sql.Append(" WHERE e0.deleted_at = 0");
        for (var level = 0; level < chain.Count; level++)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND e{level}.{chain[level].NameColumn} = ${level + 1}");
            parameters.Add(new NpgsqlParameter { Value = key.Identifier.Levels[level] });
        }

        return sql.ToString();
    }

    private static async Task<EntityRead?> ModelVersionAsync(NpgsqlConnection connection, EntityKey key, CancellationToken cancellationToken)
    {
        if (await FindIdAsync(connection, key.Parent, cancellationToken) is not { } modelId
            || !int.TryParse(key.Identifier.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return null;
        }

        return await EntityReader.ReadModelVersionAsync(connection, modelId, version, cancellationToken);
    }
}

/// <summary>An entity's payload and audit as read, and its origin id.</summary>
internal readonly record struct EntityRead(EntityPayload Payload, AuditInfo Audit, string OriginId);
