using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansCache.Client;

namespace OrleansCache.TestKit;

/// <summary>The OrleansCache parts of a deployed test cluster.</summary>
public static class TestClusterExtensions
{
    /// <summary>The cluster client's <see cref="IOrleansCacheClient"/>.</summary>
    /// <exception cref="InvalidOperationException">The cluster was built without <c>AddOrleansCache()</c>.</exception>
    public static IOrleansCacheClient OrleansCache(this TestCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return cluster.Client.ServiceProvider.GetService<IOrleansCacheClient>()
            ?? throw new InvalidOperationException("The test cluster has no OrleansCache client: call AddOrleansCache() on its TestClusterBuilder.");
    }

    /// <summary>What the cluster client's near cache holds.</summary>
    public static NearCacheView NearCache(this TestCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return NearCacheView.Of(cluster.Client.ServiceProvider);
    }
}
