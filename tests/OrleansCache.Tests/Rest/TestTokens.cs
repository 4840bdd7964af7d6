using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OrleansCache.Tests.Rest;

/// <summary>
/// An identity provider made by the test: an RSA key pair whose public half is written as a PEM file
/// and a JWKS document in a temporary folder, and JWTs signed with it (or with a stranger's key).
/// </summary>
public sealed class TestTokens : IDisposable
{
    public const string Audience = "orleanscache-test";
    public const string Issuer = "https://idp.test";

    private readonly string _folder = Directory.CreateTempSubdirectory("orleanscache-jwt-").FullName;
    private readonly RSA _key = RSA.Create(2048);
    private readonly RSA _stranger = RSA.Create(2048);
    private readonly JsonWebTokenHandler _handler = new();

    public TestTokens()
    {
        File.WriteAllText(PublicKeyPem, _key.ExportSubjectPublicKeyInfoPem());
        File.WriteAllText(JwksPath, Jwks);
    }

    /// <summary>The signing key's public half, PEM.</summary>
    public string PublicKeyPem => Path.Combine(_folder, "signing.pem");

    /// <summary>The signing key's public half as a JWKS file.</summary>
    public string JwksPath => Path.Combine(_folder, "jwks.json");

    /// <summary>The JWKS document of the signing key (key id <c>test-key</c>).</summary>
    public string Jwks
    {
        get
        {
            var parameters = _key.ExportParameters(includePrivateParameters: false);
            return JsonSerializer.Serialize(new
            {
                keys = new[]
                {
                    new { kty = "RSA", use = "sig", alg = "RS256", kid = "test-key", n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) },
                },
            });
        }
    }

    /// <summary>A token for <paramref name="user"/> valid for <paramref name="lifetime"/> from now (negative: expired that long ago).</summary>
    public string Create(string user, TimeSpan lifetime, string audience = Audience, bool signedByStranger = false, string issuer = Issuer)
    {
        var now = DateTime.UtcNow;
        var expires = now + lifetime;
        var notBefore = (lifetime > TimeSpan.Zero ? now : expires) - TimeSpan.FromMinutes(10);
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Audience = audience,
            Issuer = issuer,
            Subject = new ClaimsIdentity([new Claim("sub", user)]),
            NotBefore = notBefore,
            IssuedAt = notBefore,
            Expires = expires,
            SigningCredentials = new SigningCredentials(
                new RsaSecurityKey(signedByStranger ? _stranger : _key) { KeyId = "test-key" }, SecurityAlgorithms.RsaSha256),
        });
    }

    public void Dispose()
    {
        _key.Dispose();
        _stranger.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
