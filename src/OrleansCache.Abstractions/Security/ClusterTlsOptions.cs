using Orleans.Connections.Security;

namespace OrleansCache.Security;

/// <summary>
/// TLS for Orleans traffic, between silos and from clients to gateways (configuration section
/// <c>OrleansCache:Tls</c>). Both sides present a certificate; a remote certificate is accepted
/// when it chains to <see cref="TrustedCertificatePath"/> (or, when that is unset, to the machine's
/// trust store). Host names are not checked: pods are reached by IP, so the cluster's identity is
/// the CA, not a name.
/// </summary>
public sealed class ClusterTlsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "OrleansCache:Tls";

    /// <summary>True: every silo-to-silo and client-to-gateway connection uses TLS. Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>This silo's certificate with its private key, a PKCS#12 (.pfx) file. Required when <see cref="Enabled"/>.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>, if it has one; never logged.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>The CA (or self-signed) certificate, PEM or DER, that remote certificates must chain to. Unset: the machine's trust store.</summary>
    public string? TrustedCertificatePath { get; set; }

    /// <summary>
    /// Whether clients must present a certificate to the gateway. Default
    /// <see cref="RemoteCertificateMode.RequireCertificate"/> (mutual TLS): a client without a
    /// trusted certificate cannot connect.
    /// </summary>
    public RemoteCertificateMode ClientCertificateMode { get; set; } = RemoteCertificateMode.RequireCertificate;
}
