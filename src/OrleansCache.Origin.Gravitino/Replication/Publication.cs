using Npgsql;
using OrleansCache.Origin.Gravitino.Providers;

namespace OrleansCache.Origin.Gravitino.Replication;

/// <summary>
/// The publication the feed reads, and the start-up check that it cannot break the origin: a
/// publication that publishes UPDATE or DELETE of a table without a replica identity makes every
/// such write to that table fail (SQLSTATE 55000). In Gravitino's schema that is
/// <c>table_version_info</c>, which Gravitino's own table writes update: the cache leaves it out (a
/// table's changes also update <c>table_meta</c>) and refuses to run on a publication that has it.
/// </summary>
internal static class Publication
{
    /// <summary>The tables the feed follows: every table whose rows make up an entity the cache serves.</summary>
    public static readonly IReadOnlyList<string> Tables =
    [
        "metalake_meta", "catalog_meta", "schema_meta", "table_meta", "table_column_version_info",
        "fileset_meta", "fileset_version_info", "topic_meta", "model_meta", "model_version_info",
        "model_version_alias_rel", "tag_meta", "policy_meta", "policy_version_info",
    ];

    /// <summary>The statement an operator (or the cache, when allowed) runs to create the publication.</summary>
    public static string CreateStatement(string publication) => $"CREATE PUBLICATION {publication} FOR TABLE {string.Join(", ", Tables)}";

    /// <summary>
    /// Checks <c>wal_level</c>, creates the publication when it is missing and allowed, and refuses
    /// (<see cref="OriginConfigurationException"/>) a publication that would break writes or misses tables.
    /// </summary>
    public static async Task EnsureAsync(NpgsqlDataSource source, GravitinoOriginOptions options, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        var walLevel = (string?)await Scalar(connection, "SHOW wal_level", cancellationToken);
        if (walLevel != "logical")
        {
            throw new OriginConfigurationException($"PostgreSQL runs with wal_level={walLevel}; the change feed needs wal_level=logical (postgresql.conf, then restart PostgreSQL).");
        }

        var exists = (bool)(await Scalar(connection, "SELECT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = $1)", cancellationToken, options.Publication))!;
        if (!exists)
        {
            if (!options.CreatePublication)
            {
                throw new OriginConfigurationException($"Publication {options.Publication} does not exist and {GravitinoOriginOptions.SectionName}:CreatePublication is false; create it with: {CreateStatement(options.Publication)}");
            }

            await using var create = new NpgsqlCommand(CreateStatement(options.Publication), connection);
            try
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.UniqueViolation)
            {
                // Another silo starting at the same moment created it first (42710 once its row is
                // visible, 23505 when both inserted the catalog row at once): check that one below.
            }
        }

        await RefuseUnsafeAsync(connection, options.Publication, cancellationToken);
    }

    private static async Task RefuseUnsafeAsync(NpgsqlConnection connection, string publication, CancellationToken cancellationToken)
    {
        const string Unsafe = """
            SELECT pt.tablename FROM pg_publication p
            JOIN pg_publication_tables pt ON pt.pubname = p.pubname
            JOIN pg_namespace n ON n.nspname = pt.schemaname
            JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = pt.tablename
            WHERE p.pubname = $1 AND (p.pubupdate OR p.pubdelete)
              AND (c.relreplident = 'n' OR (c.relreplident = 'd' AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary)))
            ORDER BY 1
            """;
        var unsafeTables = await Names(connection, Unsafe, publication, cancellationToken);
        if (unsafeTables.Count > 0)
        {
            throw new OriginConfigurationException(
                $"Publication {publication} publishes UPDATE/DELETE of {string.Join(", ", unsafeTables)}, which has no replica identity: Gravitino's own writes to it would fail (SQLSTATE 55000). "
                + "Leave it out of the publication (the cache does not need it), publish it in a publication WITH (publish = 'insert'), or run ALTER TABLE ... REPLICA IDENTITY FULL first.");
        }

        var published = await Names(connection, "SELECT tablename FROM pg_publication_tables WHERE pubname = $1", publication, cancellationToken);
        var missing = Tables.Except(published, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new OriginConfigurationException($"Publication {publication} does not publish {string.Join(", ", missing)}: changes to them would never reach the cache. Add them with ALTER PUBLICATION {publication} ADD TABLE {string.Join(", ", missing)}.");
        }
    }

    private static async Task<List<string>> Names(NpgsqlConnection connection, string sql, string publication, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = publication } } };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, string? parameter = null)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (parameter is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
