using OrleansCache.Security;

namespace OrleansCache.Client.Hosting;

/// <summary>Turns on mutual TLS for a service's connections to the cluster.</summary>
public static class ClientTlsExtensions
{
    /// <summary>
    /// Turns on TLS for this client's gateway connections, with the same certificate rules as the
    /// silos (<see cref="ClusterTlsConfiguration"/>). Bind <see cref="ClusterTlsOptions"/> from the
    /// <c>OrleansCache:Tls</c> section or set it in code.
    /// </summary>
    public static IClientBuilder UseOrleansCacheTls(this IClientBuilder builder, ClusterTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseTls(ClusterTlsConfiguration.ForConnections(options));
    }
}
