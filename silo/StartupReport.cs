using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansCache.Grains.Providers;

namespace OrleansCache.Silo;

/// <summary>Says once, at start, how this silo is set up, and warns loudly when nothing is durable.</summary>
internal sealed partial class StartupReport(IOptions<OrleansCacheSiloOptions> options, ILogger<StartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Mode == StorageMode.Embedded)
        {
            LogEmbedded(logger, settings.GatewayPort, settings.SiloPort);
        }
        else
        {
            LogRedis(logger, settings.GatewayPort, settings.SiloPort, settings.ClusterId, settings.ServiceId);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Warning,
        "OrleansCache silo ready in Embedded mode: gateway port {GatewayPort}, silo port {SiloPort}. " +
        "Data is held in memory only and is LOST when the silo stops; set OrleansCache:Mode=Redis for durable storage.")]
    private static partial void LogEmbedded(ILogger logger, int gatewayPort, int siloPort);

    [LoggerMessage(2, LogLevel.Information,
        "OrleansCache silo ready in Redis mode: gateway port {GatewayPort}, silo port {SiloPort}, cluster '{ClusterId}', service '{ServiceId}'.")]
    private static partial void LogRedis(ILogger logger, int gatewayPort, int siloPort, string clusterId, string serviceId);
}
