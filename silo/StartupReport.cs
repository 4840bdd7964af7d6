using System.Net;
using Microsoft.Extensions.Options;
using OrleansCache.Grains.Providers;

namespace OrleansCache.Silo;

/// <summary>
/// Says once, when the silo has started (joined the cluster, gateway open), how it is set up, and
/// warns loudly when nothing is durable or the dashboard is exposed. Secrets are never part of it.
/// </summary>
internal sealed partial class StartupReport(
    IOptions<OrleansCacheSiloOptions> options,
    OperationsSettings operations,
    IOptions<OrleansCache.Rest.Providers.RestApiOptions> rest,
    IHostApplicationLifetime lifetime,
    ILogger<StartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Hosted services start together (see Operations): wait for the whole host, the silo included.
        lifetime.ApplicationStarted.Register(Report);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Report()
    {
        var settings = options.Value;
        var dashboard = operations.Dashboard;
        if (dashboard.Enabled && !IPAddress.IsLoopback(IPAddress.Parse(dashboard.Host)))
        {
            LogDashboardExposed(logger, dashboard.Host, dashboard.Port);
        }

        if (settings.Mode == StorageMode.Embedded)
        {
            LogEmbedded(logger, settings.GatewayPort, settings.SiloPort, operations.Http.Port, RestApi());
        }
        else
        {
            LogRedis(logger, settings.GatewayPort, settings.SiloPort, operations.Http.Port, RestApi(), settings.ClusterId, settings.ServiceId);
        }
    }

    private string RestApi() => rest.Value.Port is { } port
        ? $"REST API {(rest.Value.Tls.Enabled ? "https" : "http")} on {rest.Value.ListenAddress}:{port} ({(string.IsNullOrWhiteSpace(rest.Value.Authenticators) ? "no local authentication" : "authenticators " + rest.Value.Authenticators)})"
        : "REST API off";

    [LoggerMessage(1, LogLevel.Warning,
        "OrleansCache silo ready in Embedded mode: gateway port {GatewayPort}, silo port {SiloPort}, HTTP port {HttpPort}, {RestApi}. " +
        "Data is held in memory only and is LOST when the silo stops; set OrleansCache:Mode=Redis for durable storage.")]
    private static partial void LogEmbedded(ILogger logger, int gatewayPort, int siloPort, int httpPort, string restApi);

    [LoggerMessage(2, LogLevel.Information,
        "OrleansCache silo ready in Redis mode: gateway port {GatewayPort}, silo port {SiloPort}, HTTP port {HttpPort}, {RestApi}, cluster '{ClusterId}', service '{ServiceId}'.")]
    private static partial void LogRedis(ILogger logger, int gatewayPort, int siloPort, int httpPort, string restApi, string clusterId, string serviceId);

    [LoggerMessage(3, LogLevel.Warning,
        "The Orleans dashboard listens on {Host}:{Port}, which is not loopback: it has no authentication, so anyone who reaches that address can see the cluster. " +
        "Keep OrleansCache:Dashboard:Host at 127.0.0.1 and use port-forwarding, or put it behind an authenticating proxy.")]
    private static partial void LogDashboardExposed(ILogger logger, string host, int port);
}
