using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansCache.Client.Connection;
using OrleansCache.Client.Providers;
using OrleansCache.Security;

namespace OrleansCache.Client.Hosting;

/// <summary>Connects a service to OrleansCache in one call.</summary>
public static class OrleansCacheHostBuilderExtensions
{
    /// <summary>
    /// Adds an Orleans client connected to the OrleansCache cluster and the near cache on it, so
    /// <see cref="IOrleansCacheClient"/> can be resolved once the host has started. The connection
    /// comes from <c>OrleansCache:Client:Cluster</c> (<see cref="ClusterConnectionOptions"/>: Redis
    /// clustering, fixed gateways, or the embedded silo on this machine), TLS from
    /// <c>OrleansCache:Tls</c> when <c>Enabled</c>, and the near cache from <c>OrleansCache:Client</c>
    /// and then <paramref name="configure"/>.
    /// </summary>
    /// <exception cref="OptionsValidationException">A connection setting is invalid; each failure names it. Near-cache settings are validated when the host starts.</exception>
    public static IHostApplicationBuilder AddOrleansCacheClient(this IHostApplicationBuilder builder, Action<NearCacheOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Bound now, not at start: the choice of clustering shapes the client builder.
        var connection = new ClusterConnectionOptions();
        builder.Configuration.GetSection(ClusterConnectionOptions.SectionName).Bind(connection);
        var result = new ClusterConnectionOptionsValidator().Validate(null, connection);
        if (result.Failed)
        {
            throw new OptionsValidationException(ClusterConnectionOptions.SectionName, typeof(ClusterConnectionOptions), result.Failures);
        }

        var tls = new ClusterTlsOptions();
        builder.Configuration.GetSection(ClusterTlsOptions.SectionName).Bind(tls);
        builder.Services.AddSingleton(Options.Create(connection));
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = connection.ClusterId;
                cluster.ServiceId = connection.ServiceId;
            });
            if (connection.RedisConnectionString is { } redis)
            {
                client.UseRedisClustering(redis);
            }
            else
            {
                var gateways = connection.Gateways.Count > 0
                    ? connection.Gateways.SelectMany(GatewayEndpoint.Resolve).ToArray()
                    : [new IPEndPoint(IPAddress.Loopback, ClusterConnectionOptions.EmbeddedGatewayPort)];
                client.UseStaticClustering(gateways);
            }

            if (tls.Enabled)
            {
                client.UseOrleansCacheTls(tls);
            }

            client.UseOrleansCache(configure);
            client.Services.AddSingleton<IClientConnectionRetryFilter>(services =>
                new BoundedConnectRetry(connection, services.GetRequiredService<ILogger<BoundedConnectRetry>>()));
        });
        return builder;
    }
}
