namespace OrleansCache.Rest.Providers;

/// <summary>
/// The <c>oauth</c> authenticator of the REST API (section <c>OrleansCache:Rest:OAuth</c>), after
/// Gravitino's <c>gravitino.authenticator.oauth.*</c>: a request carries <c>Authorization: Bearer</c>
/// with a JWT, and the cache accepts it when its signature verifies against one of the configured keys
/// (<see cref="SigningKeyPath"/> and/or <see cref="JwksUri"/>), its audience contains
/// <see cref="Audience"/>, its issuer is <see cref="Issuer"/> (when set), it has not expired and it
/// names a principal (<see cref="PrincipalClaim"/>).
/// </summary>
public sealed class RestOAuthOptions
{
    /// <summary>The audience a token must name (Gravitino's <c>serviceAudience</c>). Default <c>GravitinoServer</c>, Gravitino's default.</summary>
    public string Audience { get; set; } = "GravitinoServer";

    /// <summary>The issuer a token must name (<c>iss</c>). Unset: any issuer (Gravitino's static-key mode does not check it either).</summary>
    public string? Issuer { get; set; }

    /// <summary>
    /// A file of public keys the tokens are signed with: PEM (one or more RSA or EC public keys or
    /// certificates) or a JWKS document (JSON). Read once at start.
    /// </summary>
    public string? SigningKeyPath { get; set; }

    /// <summary>
    /// An identity provider's JWKS endpoint (https; http only on a loopback host). Its keys are fetched
    /// at the first token, again every hour, and at once (at most every 30 s) when a token names a key
    /// the cache does not hold, so a rotated key is picked up.
    /// </summary>
    public string? JwksUri { get; set; }

    /// <summary>How far past its expiry (or before its start) a token is still accepted. Default 0, Gravitino's default; 0 to 5 min.</summary>
    public TimeSpan AllowedClockSkew { get; set; } = TimeSpan.Zero;

    /// <summary>The claim that names the user (Gravitino's <c>principalFields</c>); a token without it is refused. Default <c>sub</c>.</summary>
    public string PrincipalClaim { get; set; } = "sub";
}
