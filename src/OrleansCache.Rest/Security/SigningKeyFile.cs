using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OrleansCache.Rest.Providers;

namespace OrleansCache.Rest.Security;

/// <summary>
/// The keys of <see cref="RestOAuthOptions.SigningKeyPath"/>: a JWKS document (JSON), or PEM blocks of
/// RSA or EC public keys (<c>PUBLIC KEY</c>, <c>RSA PUBLIC KEY</c>) or certificates (<c>CERTIFICATE</c>).
/// </summary>
internal static class SigningKeyFile
{
    private const string Setting = RestApiOptions.SectionName + ":OAuth:SigningKeyPath";

    /// <summary>Reads the file's keys.</summary>
    /// <exception cref="OptionsValidationException">The file cannot be read or holds no public key; the message names the setting.</exception>
    public static IReadOnlyList<SecurityKey> Load(string path)
    {
        try
        {
            var text = File.ReadAllText(path);
            var keys = text.TrimStart().StartsWith('{') ? new JsonWebKeySet(text).GetSigningKeys().ToList() : FromPem(text);
            return keys.Count > 0 ? keys : throw Refuse(path, "it holds no public key");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw Refuse(path, exception.Message);
        }
    }

    private static List<SecurityKey> FromPem(string text)
    {
        var keys = new List<SecurityKey>();
        var rest = text.AsMemory();
        while (PemEncoding.TryFind(rest.Span, out var fields))
        {
            var block = rest[fields.Location].ToString();
            var label = rest[fields.Label].ToString();
            rest = rest[fields.Location.End..];
            switch (label)
            {
                case "CERTIFICATE":
                    keys.Add(new X509SecurityKey(X509Certificate2.CreateFromPem(block)));
                    break;
                case "PUBLIC KEY" or "RSA PUBLIC KEY":
                    keys.Add(PublicKey(block));
                    break;
            }
        }

        return keys;
    }

    private static SecurityKey PublicKey(string block)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(block);
            return new RsaSecurityKey(rsa);
        }
        catch (CryptographicException)
        {
            rsa.Dispose();
        }

        var ec = ECDsa.Create();
        ec.ImportFromPem(block);
        return new ECDsaSecurityKey(ec);
    }

    private static OptionsValidationException Refuse(string path, string why) =>
        new(RestApiOptions.SectionName, typeof(RestApiOptions),
            [$"{Setting} is '{path}', whose keys cannot be read ({why}); accepted: a PEM file of RSA or EC public keys or certificates, or a JWKS (JSON) file."]);
}
