using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace OrleansCache.Tests.Infrastructure;

/// <summary>Plain Orleans clients (no near cache) for silo processes started by the tests.</summary>
public static class SiloClients
{
    /// <summary>
    /// Connects to a silo's gateway on localhost (embedded mode) or, with
    /// <paramref name="redisConnectionString"/>, to the cluster found in Redis; cluster and service
    /// id <c>orleanscache</c>, as the silo defaults.
    /// </summary>
    public static async Task<IHost> ConnectAsync(int gatewayPort, string? redisConnectionString = null, Action<IClientBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            if (redisConnectionString is null)
            {
                client.UseLocalhostClustering(gatewayPort, serviceId: "orleanscache", clusterId: "orleanscache");
            }
            else
            {
                client.UseRedisClustering(redisConnectionString);
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = "orleanscache";
                    o.ServiceId = "orleanscache";
                });
            }

            configure?.Invoke(client);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }

    /// <summary>The client's grain factory.</summary>
    public static IClusterClient Grains(this IHost client) => client.Services.GetRequiredService<IClusterClient>();
}
