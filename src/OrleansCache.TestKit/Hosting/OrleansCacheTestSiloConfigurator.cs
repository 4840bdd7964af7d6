using Orleans.TestingHost;
using OrleansCache.Grains.Hosting;

namespace OrleansCache.TestKit.Hosting;

/// <summary>
/// Adds OrleansCache's grains to every silo of a <see cref="TestCluster"/>, with entity state in
/// silo memory (nothing outside the test process is needed).
/// </summary>
public sealed class OrleansCacheTestSiloConfigurator : ISiloConfigurator
{
    /// <inheritdoc/>
    public void Configure(ISiloBuilder siloBuilder) =>
        siloBuilder.AddOrleansCacheGrains().AddOrleansCacheMemoryStorage();
}
