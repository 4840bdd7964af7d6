using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OrleansCache.Security;

namespace OrleansCache.Tests.Infrastructure;

/// <summary>Self-signed certificates made for one test in a temporary folder: the cluster's, and a stranger's.</summary>
public sealed class ClusterCertificates : IDisposable
{
    public const string Password = "pfx-pw-6c1e";
    private readonly string _folder = Directory.CreateTempSubdirectory("orleanscache-tls-").FullName;

    public ClusterCertificates()
    {
        using var cluster = SelfSigned("orleanscache-cluster");
        using var stranger = SelfSigned("someone-else");
        File.WriteAllBytes(ClusterPfx, cluster.Export(X509ContentType.Pfx, Password));
        File.WriteAllBytes(ClusterCer, cluster.Export(X509ContentType.Cert));
        File.WriteAllBytes(StrangerPfx, stranger.Export(X509ContentType.Pfx, Password));
    }

    /// <summary>The cluster's certificate with its key.</summary>
    public string ClusterPfx => Path.Combine(_folder, "cluster.pfx");

    /// <summary>The cluster's certificate, the one remote certificates must chain to.</summary>
    public string ClusterCer => Path.Combine(_folder, "cluster.cer");

    /// <summary>A certificate the cluster does not trust.</summary>
    public string StrangerPfx => Path.Combine(_folder, "stranger.pfx");

    /// <summary>The silo's command-line settings for mutual TLS with the cluster's certificate.</summary>
    public string[] SiloArguments =>
    [
        "--OrleansCache:Tls:Enabled=true",
        $"--OrleansCache:Tls:CertificatePath={ClusterPfx}",
        $"--OrleansCache:Tls:CertificatePassword={Password}",
        $"--OrleansCache:Tls:TrustedCertificatePath={ClusterCer}",
    ];

    /// <summary>Client settings: present <paramref name="pfx"/>, trust the cluster's certificate.</summary>
    public ClusterTlsOptions Client(string pfx) =>
        new() { Enabled = true, CertificatePath = pfx, CertificatePassword = Password, TrustedCertificatePath = ClusterCer };

    /// <inheritdoc/>
    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, critical: false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false)); // server and client authentication
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
