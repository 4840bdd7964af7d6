using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Npgsql;
using OrleansCache.Naming;
using OrleansCache.Origin.Gravitino.Polling;
using OrleansCache.Origin.Gravitino.Providers;
using OrleansCache.Origin.Gravitino.Replication;
using OrleansCache.Origin.Gravitino.Store;
using OrleansCache.Origins;

namespace OrleansCache.Origin.Gravitino;

/// <summary>
/// An Apache Gravitino deployment as the cache's origin: entities are read from its PostgreSQL
/// relational store (schema of Gravitino 2.0) and its committed changes come by logical replication.
/// </summary>
public sealed class GravitinoOrigin : ICatalogOrigin, IAsyncDisposable
{
    private readonly NpgsqlDataSource _source;
    private readonly GravitinoStore _store;
    private readonly IOriginChangeFeed _feed;
    private readonly bool _polling;
    private readonly TimeSpan _readTimeout;

    /// <summary>Creates the origin; nothing is connected until the first read or the feed starts.</summary>
    public GravitinoOrigin(GravitinoOriginOptions options, ILogger<GravitinoOrigin> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connection = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        Name = $"Gravitino PostgreSQL {connection.Host}:{connection.Port}/{connection.Database}";
        connection.CommandTimeout = Math.Max(1, (int)options.ReadTimeout.TotalSeconds);
        connection.Timeout = Math.Max(1, (int)options.ReadTimeout.TotalSeconds);
        _source = NpgsqlDataSource.Create(connection.ConnectionString);
        _store = new GravitinoStore(_source);
        _polling = options.ChangeCapture == GravitinoOriginOptions.Polling;
        _feed = _polling ? new ChangeLogPoller(_source, options, logger) : new PgOutputFeed(_source, options, logger);
        _readTimeout = options.ReadTimeout;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public IOriginChangeFeed ChangeFeed => _feed;

    /// <summary>The server process of the feed's replication connection while it runs, else 0.</summary>
    public int ReplicationProcessId => (_feed as PgOutputFeed)?.ReplicationProcessId ?? 0;

    /// <inheritdoc/>
    public Task<OriginEntity?> LoadAsync(EntityKey key, CancellationToken cancellationToken) =>
        ReadAsync(token => _store.LoadAsync(key, token), cancellationToken);

    /// <inheritdoc/>
    public Task<ImmutableArray<EntityKey>?> ListChildrenAsync(EntityKey container, EntityKind kind, CancellationToken cancellationToken) =>
        ReadAsync(token => _store.ListChildrenAsync(container, kind, token), cancellationToken);

    /// <summary>
    /// One read within the read timeout. Pooled connections die with a PostgreSQL restart or
    /// failover and fail on their next use: the pool is emptied and the read tried once more.
    /// </summary>
    private async Task<T> ReadAsync<T>(Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_readTimeout);
        try
        {
            return await read(timeout.Token);
        }
        catch (NpgsqlException exception) when (exception.IsTransient || exception is PostgresException { SqlState: "57P01" or "57P02" or "57P03" })
        {
            _source.Clear();
            return await read(timeout.Token);
        }
    }

    /// <inheritdoc/>
    public async Task CheckAsync(CancellationToken cancellationToken) => await _store.CheckAsync(cancellationToken);

    /// <summary>Runs every entity read once for names no store holds (see <see cref="GravitinoStore.CheckSchemaAsync"/>).</summary>
    internal Task CheckSchemaAsync(CancellationToken cancellationToken) => _store.CheckSchemaAsync(cancellationToken);

    /// <summary>
    /// Checks the origin's set-up and creates the publication when allowed: with replication,
    /// wal_level and a publication that cannot break writes nor miss tables; with polling, that
    /// <c>entity_change_log</c> can be read.
    /// </summary>
    /// <exception cref="OriginConfigurationException">The set-up would break the origin's writes or miss changes.</exception>
    public async Task CheckSetupAsync(GravitinoOriginOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!_polling)
        {
            await Publication.EnsureAsync(_source, options, cancellationToken);
            return;
        }

        try
        {
            await using var command = _source.CreateCommand("SELECT 1 FROM entity_change_log LIMIT 1");
            await command.ExecuteScalarAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState is "42P01" or "42501")
        {
            throw new OriginConfigurationException(
                $"{GravitinoOriginOptions.SectionName}:ChangeCapture is Polling but entity_change_log cannot be read ({exception.MessageText}): grant SELECT on it, or use Replication.", exception);
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
