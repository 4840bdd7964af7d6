using OrleansCache.Security;

namespace OrleansCache.Grains.Hosting;

/// <summary>Turns on mutual TLS for a silo (see <see cref="ClusterTlsConfiguration"/>).</summary>
public static class ClusterTls
{
    /// <summary>Turns on TLS for silo-to-silo and gateway connections.</summary>
    public static ISiloBuilder UseOrleansCacheTls(this ISiloBuilder builder, ClusterTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var configure = ClusterTlsConfiguration.ForConnections(options);
        return builder.UseTls(tls =>
        {
            configure(tls);
            tls.ClientCertificateMode = options.ClientCertificateMode;
        });
    }
}
