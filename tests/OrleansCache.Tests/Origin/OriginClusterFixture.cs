using OrleansCache.Origin.Gravitino.Hosting;
using OrleansCache.Origin.Gravitino.Providers;
using OrleansCache.Tests.Client;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Origin;

/// <summary>
/// A throwaway PostgreSQL holding Gravitino's schema, a real redis-server, two silos fronting the
/// database (origin mode, settings from <see cref="OriginOptions"/>) and two independent clients, A
/// and B, with long-lived near-cache entries (only events may make them go).
/// </summary>
public abstract class OriginClusterFixture : IAsyncLifetime
{
    private RedisServer? _redis;
    private LiveCluster? _cluster;

    public PostgresServer Postgres { get; private set; } = default!;

    public LiveCluster Cluster => _cluster ?? throw new InvalidOperationException("Not started.");

    public GravitinoWriter Writer { get; private set; } = default!;

    public TestClient A { get; private set; } = default!;

    public TestClient B { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Postgres = await PostgresServer.StartAsync();
        await OriginFixture.CreateSchemaAsync(Postgres);
        Writer = new GravitinoWriter(Postgres.ConnectionString);
        _redis = await RedisServer.StartAsync();
        _cluster = await LiveCluster.StartAsync(_redis, configureSilo: (silo, _) => silo.AddGravitinoOrigin(OriginOptions(Postgres)));
        A = await _cluster.ConnectAsync(LiveClusterFixture.LongLived);
        B = await _cluster.ConnectAsync(LiveClusterFixture.LongLived);
        await StartedAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        await Postgres.DisposeAsync();
    }

    /// <summary>The origin settings of the silos, for the database <paramref name="postgres"/>.</summary>
    protected abstract GravitinoOriginOptions OriginOptions(PostgresServer postgres);

    /// <summary>Waits for whatever the tests need once the cluster and clients run.</summary>
    protected virtual Task StartedAsync() => Task.CompletedTask;
}
