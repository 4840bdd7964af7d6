using Orleans.TestingHost;
using OrleansCache.Grains.Hosting;
using StackExchange.Redis;

namespace OrleansCache.Tests.Infrastructure;

/// <summary>Builds in-process Orleans test clusters of real silos running the OrleansCache grains.</summary>
public static class TestClusters
{
    /// <summary>A cluster whose entity state lives in silo memory.</summary>
    public static async Task<InProcessTestCluster> StartInMemoryAsync(short silos = 2)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) => silo.AddOrleansCacheGrains().AddOrleansCacheMemoryStorage().AddIncomingGrainCallFilter<SuspendedCalls>());
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>
    /// A cluster whose entity state lives in the given Redis. Clusters started with the same
    /// <paramref name="serviceId"/> share their data, as a restarted production cluster would.
    /// </summary>
    public static async Task<InProcessTestCluster> StartOnRedisAsync(string redisConnectionString, string serviceId, short silos = 2, int waitForReplicas = 0)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ServiceId = serviceId;
        var redis = ConfigurationOptions.Parse(redisConnectionString);
        builder.ConfigureSilo((_, silo) => silo.AddOrleansCacheGrains().AddOrleansCacheRedisStorage(redis, waitForReplicas, TimeSpan.FromSeconds(1)));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
