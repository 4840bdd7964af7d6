using OrleansCache.Origin.Gravitino.Hosting;
using OrleansCache.Origin.Gravitino.Providers;
using OrleansCache.Tests.Client;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Origin;

/// <summary>
/// A throwaway PostgreSQL with Gravitino's schema and no replication in use, a real redis-server, and
/// two silos following the origin by polling its <c>entity_change_log</c> (reconciling every
/// <see cref="ReconcileInterval"/>), with two clients whose near-cache entries only events remove.
/// </summary>
public sealed class PollingFixture : IAsyncLifetime
{
    public static readonly TimeSpan ReconcileInterval = TimeSpan.FromSeconds(2);

    private RedisServer? _redis;
    private LiveCluster? _cluster;

    public PostgresServer Postgres { get; private set; } = default!;

    public GravitinoWriter Writer { get; private set; } = default!;

    public TestClient A { get; private set; } = default!;

    public TestClient B { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Postgres = await PostgresServer.StartAsync();
        await OriginFixture.CreateSchemaAsync(Postgres);
        Writer = new GravitinoWriter(Postgres.ConnectionString);
        _redis = await RedisServer.StartAsync();
        _cluster = await LiveCluster.StartAsync(_redis, configureSilo: (silo, _) => silo.AddGravitinoOrigin(Options(Postgres, ReconcileInterval)));
        A = await _cluster.ConnectAsync(LiveClusterFixture.LongLived);
        B = await _cluster.ConnectAsync(LiveClusterFixture.LongLived);
    }

    /// <summary>Polling settings: a fast poll, a 10 s lag window, and the given reconcile interval.</summary>
    public static GravitinoOriginOptions Options(PostgresServer postgres, TimeSpan reconcileInterval)
    {
        var options = OriginFixture.Options(postgres);
        options.ChangeCapture = GravitinoOriginOptions.Polling;
        options.PollInterval = TimeSpan.FromMilliseconds(100);
        options.LagWindow = TimeSpan.FromSeconds(10);
        options.ReconcileInterval = reconcileInterval;
        return options;
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
}

/// <summary>Tests on the polling origin cluster; one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PollingCollection : ICollectionFixture<PollingFixture>
{
    public const string Name = "origin polling";
}
