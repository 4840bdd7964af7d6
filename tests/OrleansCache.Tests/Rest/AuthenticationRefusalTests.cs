using Microsoft.IdentityModel.Tokens;
using OrleansCache.Rest.Security;

namespace OrleansCache.Tests.Rest;

/// <summary>A token the JWT handler refused becomes Gravitino's 401 with its type.</summary>
[Trait("Category", "Unit")]
public sealed class AuthenticationRefusalTests
{
    [Fact]
    public void An_expired_token_is_gravitinos_token_expired()
    {
        var error = AuthenticationRefusal.ForToken(new SecurityTokenExpiredException("expired"), "aud");

        Assert.Equal((401, 1011, "TokenExpiredException"), (error.Status, error.Code, error.Type));
    }

    [Fact]
    public void Every_other_refusal_is_gravitinos_unauthorized_and_names_the_audience_when_that_is_the_reason()
    {
        var audience = AuthenticationRefusal.ForToken(new AggregateException(new SecurityTokenInvalidAudienceException("wrong")), "GravitinoServer");
        var signature = AuthenticationRefusal.ForToken(new SecurityTokenInvalidSignatureException("bad"), "GravitinoServer");
        var unknown = AuthenticationRefusal.ForToken(null, "GravitinoServer");

        Assert.All([audience, signature, unknown], error => Assert.Equal((401, 1011, "UnauthorizedException"), (error.Status, error.Code, error.Type)));
        Assert.Contains("GravitinoServer", audience.Message, StringComparison.Ordinal);
        Assert.StartsWith("JWT parse error", signature.Message, StringComparison.Ordinal);
    }
}
