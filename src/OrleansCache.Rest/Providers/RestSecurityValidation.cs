using System.Net;
using OrleansCache.Rest.Security;

namespace OrleansCache.Rest.Providers;

/// <summary>
/// The security half of <see cref="RestApiOptionsValidator"/>: listen address, authenticators, the
/// oauth keys, TLS, and the secure-by-default rule (<see cref="RestExposure"/>). Every failure names
/// the setting and what it accepts.
/// </summary>
internal static class RestSecurityValidation
{
    private const string Section = RestApiOptions.SectionName;

    /// <summary>Adds a failure for each invalid security setting of <paramref name="options"/>.</summary>
    public static void Validate(RestApiOptions options, List<string> failures)
    {
        var address = options.ListenAddress;
        if (string.IsNullOrWhiteSpace(address)
            || (address != RestApiOptions.AnyAddress
                && !string.Equals(address, RestApiOptions.LocalhostAddress, StringComparison.OrdinalIgnoreCase)
                && !IPAddress.TryParse(address, out _)))
        {
            failures.Add($"{Section}:ListenAddress is '{address}'; accepted: localhost (the default, this machine only), another loopback address such as 127.0.0.1, * (every address), or one IP address of this machine.");
        }

        var kinds = RestAuthenticatorNames.Parse(options.Authenticators, out var unknown);
        if (unknown is not null || (options.Authenticators is { } named && !string.IsNullOrWhiteSpace(named) && kinds.Count == 0))
        {
            failures.Add($"{Section}:Authenticators is '{options.Authenticators}'; accepted: {RestAuthenticatorNames.Accepted}. Kerberos and basic (password) are checked by a Gravitino upstream only ({Section}:RequireAuth).");
        }

        if (kinds.Contains(RestAuthenticatorKind.OAuth))
        {
            ValidateOAuth(options.OAuth, failures);
        }

        if (options.Tls.CertificatePath is { } certificate && !string.IsNullOrWhiteSpace(certificate) && !File.Exists(certificate))
        {
            failures.Add($"{Section}:Tls:CertificatePath is '{certificate}', which is not a file; accepted: a PKCS#12 (.pfx) file with the certificate and its private key.");
        }

        if (options.Port is not null && RestExposure.Refusal(options) is { } refusal)
        {
            failures.Add(refusal);
        }
    }

    private static void ValidateOAuth(RestOAuthOptions oauth, List<string> failures)
    {
        const string OAuth = Section + ":OAuth";
        if (string.IsNullOrWhiteSpace(oauth.SigningKeyPath) && string.IsNullOrWhiteSpace(oauth.JwksUri))
        {
            failures.Add($"{Section}:Authenticators has oauth but neither {OAuth}:SigningKeyPath nor {OAuth}:JwksUri is set; accepted: a PEM or JWKS file of the signing keys, or the identity provider's JWKS endpoint, or both.");
        }

        if (oauth.SigningKeyPath is { } path && !string.IsNullOrWhiteSpace(path) && !File.Exists(path))
        {
            failures.Add($"{OAuth}:SigningKeyPath is '{path}', which is not a file; accepted: a PEM file of RSA or EC public keys or certificates, or a JWKS (JSON) file.");
        }

        if (oauth.JwksUri is { } jwks && !string.IsNullOrWhiteSpace(jwks)
            && (!Uri.TryCreate(jwks, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))))
        {
            failures.Add($"{OAuth}:JwksUri is '{jwks}'; accepted: an absolute https:// address of a JWKS document (http:// only on a loopback host: keys fetched in the clear could be replaced on the way).");
        }

        if (string.IsNullOrWhiteSpace(oauth.Audience))
        {
            failures.Add($"{OAuth}:Audience is empty; accepted: the audience the tokens are issued for (Gravitino's serviceAudience, default GravitinoServer).");
        }

        if (string.IsNullOrWhiteSpace(oauth.PrincipalClaim))
        {
            failures.Add($"{OAuth}:PrincipalClaim is empty; accepted: the claim that names the user, for example sub (the default) or preferred_username.");
        }

        if (oauth.AllowedClockSkew < TimeSpan.Zero || oauth.AllowedClockSkew > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{OAuth}:AllowedClockSkew is {oauth.AllowedClockSkew}; accepted: 00:00:00 to 00:05:00.");
        }
    }
}
