using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OrleansCache.Rest.Providers;

namespace OrleansCache.Rest.Security;

/// <summary>
/// The local check every request on the REST port passes first (before version negotiation, reads,
/// 304 answers, the change feed and forwarding), with Gravitino's modes and answers: the configured
/// <see cref="RestApiOptions.Authenticators"/> are tried in order, each taking the credential it
/// understands (<c>Basic</c>: simple; <c>Bearer</c>: oauth); a credential none takes, or a bad one, is
/// refused with Gravitino's 401. A request without a credential is served as <c>anonymous</c> only with
/// <see cref="RestApiOptions.AllowAnonymous"/> (Gravitino's simple mode serves it always; the cache
/// does not, unless asked). With no authenticator configured, every request passes (a loopback port,
/// or the upstream decides).
/// </summary>
internal sealed class RestAuthentication(IOptions<RestApiOptions> options)
{
    /// <summary>The ASP.NET Core authentication scheme of the oauth mode (a JWT bearer handler).</summary>
    public const string OAuthScheme = "OrleansCache.Rest.OAuth";

    private const string Bearer = "Bearer ";
    private readonly RestApiOptions _options = options.Value;
    private readonly IReadOnlyList<RestAuthenticatorKind> _kinds = RestAuthenticatorNames.Of(options.Value);

    /// <summary>True when a local authenticator is configured.</summary>
    public bool Enabled => _kinds.Count > 0;

    /// <summary>Who the request is from; null when it was refused (the 401 has been written).</summary>
    public async Task<RestCaller?> AuthenticateAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_kinds.Count == 0)
        {
            return RestCaller.Anonymous;
        }

        var bearerChallenge = _kinds.Contains(RestAuthenticatorKind.OAuth);
        var authorization = context.Request.Headers.Authorization.FirstOrDefault() ?? "";
        if (string.IsNullOrWhiteSpace(authorization))
        {
            if (_options.AllowAnonymous)
            {
                return RestCaller.Anonymous;
            }

            await AuthenticationRefusal.WriteAsync(context, AuthenticationRefusal.Unauthorized(AuthenticationRefusal.NotSupported), bearerChallenge, credentialPresent: false);
            return null;
        }

        foreach (var kind in _kinds)
        {
            if (kind == RestAuthenticatorKind.Simple && SimpleCredential.IsBasic(authorization))
            {
                if (SimpleCredential.User(authorization) is { } user)
                {
                    return new RestCaller(user, null);
                }

                await AuthenticationRefusal.WriteAsync(context, AuthenticationRefusal.Unauthorized("The Basic credential names no user"), bearerChallenge, credentialPresent: true);
                return null;
            }

            if (kind == RestAuthenticatorKind.OAuth && authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
            {
                return await BearerAsync(context, authorization);
            }
        }

        await AuthenticationRefusal.WriteAsync(context, AuthenticationRefusal.Unauthorized(AuthenticationRefusal.NotSupported), bearerChallenge, credentialPresent: true);
        return null;
    }

    private async Task<RestCaller?> BearerAsync(HttpContext context, string authorization)
    {
        var oauth = _options.OAuth;
        if (string.IsNullOrWhiteSpace(authorization[Bearer.Length..]))
        {
            await AuthenticationRefusal.WriteAsync(context, AuthenticationRefusal.Unauthorized("Blank token found"), bearerChallenge: true, credentialPresent: true);
            return null;
        }

        var result = await context.AuthenticateAsync(OAuthScheme);
        if (!result.Succeeded)
        {
            await AuthenticationRefusal.WriteAsync(context, AuthenticationRefusal.ForToken(result.Failure, oauth.Audience), bearerChallenge: true, credentialPresent: true);
            return null;
        }

        var principal = result.Principal;
        if (principal.FindFirst(oauth.PrincipalClaim)?.Value is not { Length: > 0 } user)
        {
            await AuthenticationRefusal.WriteAsync(
                context, AuthenticationRefusal.Unauthorized($"No valid principal found in token. Checked fields: [{oauth.PrincipalClaim}]"), bearerChallenge: true, credentialPresent: true);
            return null;
        }

        var expires = long.TryParse(principal.FindFirst("exp")?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : result.Properties?.ExpiresUtc;
        return new RestCaller(user, expires + oauth.AllowedClockSkew);
    }
}
