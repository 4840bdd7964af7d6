using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace OrleansCache.Security;

/// <summary>
/// Mutual TLS for Orleans connections from <see cref="ClusterTlsOptions"/>: one rule for silos and
/// clients, so both sides accept exactly the certificates that chain to the trusted one. Silos turn
/// it on with <c>ISiloBuilder.UseOrleansCacheTls</c> (OrleansCache.Grains), services with
/// <c>IClientBuilder.UseOrleansCacheTls</c> (OrleansCache.Client).
/// </summary>
public static class ClusterTlsConfiguration
{
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

    /// <summary>Loads the certificates once; the returned action sets them and the trust rule on Orleans' TLS options.</summary>
    /// <exception cref="InvalidOperationException">No certificate path is set.</exception>
    public static Action<TlsOptions> ForConnections(ClusterTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(
            options.CertificatePath ?? throw new InvalidOperationException($"{ClusterTlsOptions.SectionName}:CertificatePath is not set."),
            options.CertificatePassword);
        var trusted = options.TrustedCertificatePath is { } path ? X509CertificateLoader.LoadCertificateFromFile(path) : null;
        return tls =>
        {
            tls.LocalCertificate = certificate;
            tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.RemoteCertificateValidation = (remote, _, errors) => IsTrusted(remote, errors, trusted);
        };
    }
}
