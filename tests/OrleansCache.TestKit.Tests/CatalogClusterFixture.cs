using Orleans.TestingHost;
using OrleansCache.TestKit.Hosting;

namespace OrleansCache.TestKit.Tests;

/// <summary>A two-silo test cluster with OrleansCache in it, shared by the tests of one collection.</summary>
public sealed class CatalogClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(2);
        builder.AddOrleansCache();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class CatalogClusterCollection : ICollectionFixture<CatalogClusterFixture>
{
    public const string Name = "catalog cluster";
}
