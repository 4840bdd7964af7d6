using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Client;

/// <summary>A real redis-server, two silos in Redis mode and two independent clients, A and B.</summary>
public sealed class LiveClusterFixture : IAsyncLifetime
{
    private RedisServer? _redis;
    private LiveCluster? _cluster;

    public RedisServer Redis => _redis ?? throw new InvalidOperationException("Not started.");

    public LiveCluster Cluster => _cluster ?? throw new InvalidOperationException("Not started.");

    public TestClient A { get; private set; } = default!;

    public TestClient B { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _cluster = await LiveCluster.StartAsync(_redis);

        // Long time-to-live values: in these tests only events may make entries go away.
        A = await _cluster.ConnectAsync(LongLived);
        B = await _cluster.ConnectAsync(LongLived);
    }

    public static void LongLived(OrleansCache.Client.Providers.NearCacheOptions options)
    {
        options.TimeToLive = TimeSpan.FromHours(1);
        options.NegativeTimeToLive = TimeSpan.FromMinutes(30);
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
    }
}

/// <summary>Tests on the live cluster; one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LiveClusterCollection : ICollectionFixture<LiveClusterFixture>
{
    public const string Name = "live cluster";
}
