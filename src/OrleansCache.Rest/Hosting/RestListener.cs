using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using OrleansCache.Rest.Providers;

namespace OrleansCache.Rest.Hosting;

/// <summary>The REST API's Kestrel listener: <see cref="RestApiOptions.ListenAddress"/> and <see cref="RestApiOptions.Port"/>, with TLS when a certificate is set.</summary>
internal sealed class RestListener
{
    private readonly string _address;
    private readonly int _port;
    private readonly X509Certificate2? _certificate;

    private RestListener(string address, int port, X509Certificate2? certificate)
    {
        _address = address;
        _port = port;
        _certificate = certificate;
    }

    /// <summary>The listener of valid options; the certificate is loaded now, so a bad one stops the start.</summary>
    /// <exception cref="OptionsValidationException">The certificate cannot be loaded (wrong password, not PKCS#12, no private key); the message names the setting.</exception>
    public static RestListener For(RestApiOptions options, int port)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RestListener(options.ListenAddress, port, options.Tls.Enabled ? LoadCertificate(options.Tls) : null);
    }

    /// <summary>Adds the listener to Kestrel.</summary>
    public void Listen(KestrelServerOptions kestrel)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        if (_address == RestApiOptions.AnyAddress)
        {
            kestrel.ListenAnyIP(_port, Secure);
        }
        else if (string.Equals(_address, RestApiOptions.LocalhostAddress, StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(_port, Secure);
        }
        else
        {
            kestrel.Listen(IPAddress.Parse(_address), _port, Secure);
        }
    }

    private void Secure(ListenOptions listen)
    {
        if (_certificate is not null)
        {
            listen.UseHttps(_certificate);
        }
    }

    private static X509Certificate2 LoadCertificate(RestTlsOptions tls)
    {
        const string Setting = RestApiOptions.SectionName + ":Tls:CertificatePath";
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(tls.CertificatePath!, tls.CertificatePassword);
            return certificate.HasPrivateKey
                ? certificate
                : throw Refuse($"{Setting} is '{tls.CertificatePath}', which has no private key; accepted: a PKCS#12 (.pfx) file with the certificate and its key.");
        }
        catch (CryptographicException exception)
        {
            throw Refuse($"{Setting} is '{tls.CertificatePath}', which cannot be loaded ({exception.Message}); accepted: a PKCS#12 (.pfx) file, with {RestApiOptions.SectionName}:Tls:CertificatePassword if it has one.");
        }
    }

    private static OptionsValidationException Refuse(string failure) => new(RestApiOptions.SectionName, typeof(RestApiOptions), [failure]);
}
