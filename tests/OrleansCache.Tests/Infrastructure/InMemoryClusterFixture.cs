using Orleans.TestingHost;

namespace OrleansCache.Tests.Infrastructure;

/// <summary>One two-silo cluster (in-memory storage) shared by every test in <see cref="InMemoryClusterCollection"/>.</summary>
public sealed class InMemoryClusterFixture : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    /// <summary>The cluster.</summary>
    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not started.");

    /// <summary>A client of the cluster.</summary>
    public IClusterClient Client => Cluster.Client;

    /// <inheritdoc/>
    public async Task InitializeAsync() => _cluster = await TestClusters.StartInMemoryAsync();

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

/// <summary>Tests that share the in-memory cluster; run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InMemoryClusterCollection : ICollectionFixture<InMemoryClusterFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "in-memory cluster";
}
