using Orleans.TestingHost;

namespace OrleansCache.TestKit.Hosting;

/// <summary>Puts OrleansCache into a service's own test cluster.</summary>
public static class TestClusterBuilderExtensions
{
    /// <summary>
    /// Adds the OrleansCache grains (in-memory storage) to every silo and the OrleansCache client
    /// to the cluster's client. Call it before <c>Build()</c>; after <c>DeployAsync()</c>,
    /// <c>cluster.OrleansCache()</c> is the catalog.
    /// </summary>
    public static TestClusterBuilder AddOrleansCache(this TestClusterBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSiloBuilderConfigurator<OrleansCacheTestSiloConfigurator>();
        builder.AddClientBuilderConfigurator<OrleansCacheTestClientConfigurator>();
        return builder;
    }
}
