using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Connections.Security;
using OrleansCache.Grains.Providers;
using OrleansCache.Security;

namespace OrleansCache.Grains.Hosting;

/// <summary>
/// Secure by default: who can reach the gateway, and whether that is allowed. Anyone who can open a
/// connection to the gateway can create and drop entities, so in Redis mode a gateway that listens
/// on every address must either require mutual TLS or be allowed explicitly with
/// <see cref="OrleansCacheSiloOptions.AllowInsecureGateway"/>. A silo advertised at a loopback
/// address listens on loopback only; the embedded mode always does.
/// </summary>
internal static class GatewayExposure
{
    /// <summary>True when the silo listens on loopback only (embedded mode, or a loopback advertised address).</summary>
    public static bool IsLoopbackOnly(OrleansCacheSiloOptions options) =>
        options.Mode == StorageMode.Embedded
        || (options.AdvertisedIPAddress is { } address && IPAddress.TryParse(address, out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>Why the gateway is open to unauthenticated callers, or null when it is not.</summary>
    public static string? Problem(OrleansCacheSiloOptions options, ClusterTlsOptions tls)
    {
        if (IsLoopbackOnly(options))
        {
            return null;
        }

        if (!tls.Enabled)
        {
            return $"the gateway (port {options.GatewayPort}) listens on every address without TLS, so any process that reaches it can create and drop entities";
        }

        return tls.ClientCertificateMode == RemoteCertificateMode.RequireCertificate
            ? null
            : $"the gateway (port {options.GatewayPort}) uses TLS but does not require client certificates ({ClusterTlsOptions.SectionName}:ClientCertificateMode is {tls.ClientCertificateMode}), so any process that reaches it can create and drop entities";
    }

    /// <summary>Refuses an open gateway that is not explicitly allowed.</summary>
    /// <exception cref="OptionsValidationException">The gateway is open and <see cref="OrleansCacheSiloOptions.AllowInsecureGateway"/> is false.</exception>
    public static void Check(OrleansCacheSiloOptions options, ClusterTlsOptions tls)
    {
        if (!options.AllowInsecureGateway && Problem(options, tls) is { } problem)
        {
            throw new OptionsValidationException(OrleansCacheSiloOptions.SectionName, typeof(OrleansCacheSiloOptions),
            [
                $"Refusing to start: {problem}. Turn on mutual TLS ({ClusterTlsOptions.SectionName}:Enabled=true with a certificate and " +
                $"{ClusterTlsOptions.SectionName}:TrustedCertificatePath; see README, 'TLS between silos and clients'), or, on a network you trust, " +
                $"set {OrleansCacheSiloOptions.SectionName}:AllowInsecureGateway=true to accept an open gateway.",
            ]);
        }
    }
}

/// <summary>Says loudly, at start-up, that the gateway was explicitly allowed to be open.</summary>
internal sealed partial class InsecureGatewayWarning(string problem, ILogger<InsecureGatewayWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Log(logger, problem);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Warning,
        "INSECURE GATEWAY: {Problem}. This is allowed only because OrleansCache:AllowInsecureGateway=true. " +
        "Use mutual TLS (OrleansCache:Tls) in production.")]
    private static partial void Log(ILogger logger, string problem);
}
