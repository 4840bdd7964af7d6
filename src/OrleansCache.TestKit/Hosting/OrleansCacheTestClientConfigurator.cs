using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using OrleansCache.Client.Hosting;

namespace OrleansCache.TestKit.Hosting;

/// <summary>
/// Adds the OrleansCache client (near cache and change subscriptions) to a <see cref="TestCluster"/>'s
/// client, so tests resolve <c>IOrleansCacheClient</c> from <c>cluster.Client.ServiceProvider</c>.
/// </summary>
public sealed class OrleansCacheTestClientConfigurator : IClientBuilderConfigurator
{
    /// <inheritdoc/>
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) => clientBuilder.UseOrleansCache();
}
