using Npgsql;
using OrleansCache.Origin.Gravitino.Providers;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Origin;

/// <summary>
/// A throwaway PostgreSQL holding Gravitino's schema, a real redis-server, two silos fronting the
/// database (origin mode) and two independent clients, A and B, with long-lived near-cache entries
/// (only events may make them go).
/// </summary>
public sealed class OriginFixture : OriginClusterFixture
{
    /// <inheritdoc/>
    protected override GravitinoOriginOptions OriginOptions(PostgresServer postgres) => Options(postgres);

    /// <inheritdoc/>
    protected override Task StartedAsync() => WaitForFeedAsync();

    /// <summary>The origin settings of the test silos.</summary>
    public static GravitinoOriginOptions Options(PostgresServer postgres) => new()
    {
        Provider = GravitinoOriginOptions.GravitinoPostgres,
        ConnectionString = postgres.ConnectionString,
        ReadTimeout = TimeSpan.FromSeconds(2),
    };

    /// <summary>Creates Gravitino's tables in the test database.</summary>
    public static async Task CreateSchemaAsync(PostgresServer postgres)
    {
        await using var connection = await postgres.OpenAsync();
        var ddl = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Origin", "gravitino-schema.sql"));
        await using var command = new NpgsqlCommand(ddl, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Waits until a silo's change feed holds the replication slot.</summary>
    public Task WaitForFeedAsync() => Eventually.True(async () => await ReplicationPidAsync() is not null, "the change feed holds its replication slot", TimeSpan.FromSeconds(60));

    /// <summary>The server process of the feed's replication connection, or null when none holds the slot.</summary>
    public async Task<int?> ReplicationPidAsync()
    {
        try
        {
            await using var connection = await Postgres.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT active_pid FROM pg_replication_slots WHERE slot_name = 'orleanscache' AND active", connection);
            return await command.ExecuteScalarAsync() as int?;
        }
        catch (NpgsqlException)
        {
            return null;
        }
    }
}

/// <summary>Tests on the origin cluster; one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OriginCollection : ICollectionFixture<OriginFixture>
{
    public const string Name = "origin cluster";
}
