namespace OrleansCache.Rest.Providers;

/// <summary>
/// TLS on the REST API's port (section <c>OrleansCache:Rest:Tls</c>): with a certificate the port
/// speaks HTTPS only. Clients are not asked for certificates: they authenticate with
/// <see cref="RestApiOptions.Authenticators"/>.
/// </summary>
public sealed class RestTlsOptions
{
    /// <summary>The server certificate with its private key, a PKCS#12 (.pfx) file, as the gateway's (<c>OrleansCache:Tls:CertificatePath</c>). Unset: plain HTTP.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>, if it has one; never logged.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>True when the port uses TLS.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);
}
