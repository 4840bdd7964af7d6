using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;
using OrleansCache.Grains.Providers;

namespace OrleansCache.Grains.Hosting;

/// <summary>
/// Mutual TLS for Orleans connections from <see cref="ClusterTlsOptions"/>: the same rule on silos
/// and on clients, so both sides accept exactly the certificates that chain to the trusted one.
/// </summary>
public static class ClusterTls
{
    /// <summary>Turns on TLS for silo-to-silo and gateway connections.</summary>
    public static ISiloBuilder UseOrleansCacheTls(this ISiloBuilder builder, ClusterTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configure = Configure(options);
        return builder.UseTls(tls =>
        {
            configure(tls);
            tls.ClientCertificateMode = options.ClientCertificateMode;
        });
    }

    /// <summary>Turns on TLS for a client's gateway connections.</summary>
    public static IClientBuilder UseOrleansCacheTls(this IClientBuilder builder, ClusterTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseTls(Configure(options));
    }

    /// <summary>
    /// True when <paramref name="remote"/> chains to <paramref name="trusted"/> or, without one, when
    /// the platform found nothing wrong but the host name (pods are reached by IP).
    /// </summary>
    public static bool IsTrusted(X509Certificate2 remote, SslPolicyErrors errors, X509Certificate2? trusted)
    {
        ArgumentNullException.ThrowIfNull(remote);
        if (trusted is null)
        {
            return (errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) == SslPolicyErrors.None;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(remote);
    }

    /// <summary>Loads the certificates once; the returned action sets them and the trust rule on each side's options.</summary>
    private static Action<TlsOptions> Configure(ClusterTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var certificate = LoadCertificate(options);
        var trusted = LoadTrusted(options);
        return tls =>
        {
            tls.LocalCertificate = certificate;
            tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.RemoteCertificateValidation = (remote, _, errors) => IsTrusted(remote, errors, trusted);
        };
    }

    private static X509Certificate2 LoadCertificate(ClusterTlsOptions options) =>
        X509CertificateLoader.LoadPkcs12FromFile(
            options.CertificatePath ?? throw new InvalidOperationException($"{ClusterTlsOptions.SectionName}:CertificatePath is not set."),
            options.CertificatePassword);

    private static X509Certificate2? LoadTrusted(ClusterTlsOptions options) =>
        options.TrustedCertificatePath is { } path ? X509CertificateLoader.LoadCertificateFromFile(path) : null;
}
