using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;
using OrleansCache.Rest.Api;

namespace OrleansCache.Rest.Security;

/// <summary>
/// Gravitino's answers to a missing or bad credential (its server's AuthenticationFilter): 401 with the
/// body <c>{"code":1011,"type":"UnauthorizedException","message":…}</c>, or type
/// <c>TokenExpiredException</c> for an expired token, with Gravitino's messages. Gravitino sends no
/// challenge for Basic or bearer credentials; the cache adds RFC 6750's <c>WWW-Authenticate: Bearer</c>
/// when the oauth mode is on, which Gravitino's clients ignore.
/// </summary>
internal static class AuthenticationRefusal
{
    /// <summary>Gravitino's message when no configured mode accepts the request's credential (or it has none).</summary>
    public const string NotSupported = "The provided credentials did not support";

    /// <summary>401, code 1011, type UnauthorizedException.</summary>
    public static GravitinoError Unauthorized(string message) => GravitinoError.Unauthorized(message);

    /// <summary>401, code 1011, type TokenExpiredException (Gravitino's subclass of UnauthorizedException).</summary>
    public static GravitinoError Expired() => new(StatusCodes.Status401Unauthorized, 1011, "TokenExpiredException", "Authentication token is expired");

    /// <summary>The refusal for a token the JWT handler did not accept.</summary>
    public static GravitinoError ForToken(Exception? failure, string audience)
    {
        var cause = failure is AggregateException { InnerExceptions.Count: > 0 } many ? many.InnerExceptions[0] : failure;
        return cause switch
        {
            SecurityTokenExpiredException => Expired(),
            SecurityTokenInvalidAudienceException => Unauthorized($"Audiences in the token don't contain {audience}"),
            SecurityTokenInvalidIssuerException => Unauthorized("JWT validation error: the token's issuer is not the configured one"),
            SecurityTokenNotYetValidException => Unauthorized("JWT validation error: the token is not valid yet"),
            SecurityTokenNoExpirationException => Unauthorized("JWT validation error: the token has no expiry"),
            SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => Unauthorized("JWT parse error: the signature does not verify against a configured key"),
            _ => Unauthorized("JWT parse error"),
        };
    }

    /// <summary>Writes the refusal; with <paramref name="bearerChallenge"/>, RFC 6750's challenge too.</summary>
    public static Task WriteAsync(HttpContext context, GravitinoError error, bool bearerChallenge, bool credentialPresent)
    {
        if (bearerChallenge)
        {
            context.Response.Headers.WWWAuthenticate = credentialPresent ? "Bearer error=\"invalid_token\"" : "Bearer";
        }

        return error.WriteAsync(context);
    }
}
