using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using OrleansCache.Rest.Providers;
using OrleansCache.Rest.Security;

namespace OrleansCache.Rest.Hosting;

/// <summary>
/// Registers the local credential check: <see cref="RestAuthentication"/> always, the oauth mode's JWT
/// bearer handler (a named scheme that only the REST dispatcher asks, so the host's other endpoints
/// are untouched) when configured, and the <c>INSECURE REST API</c> warning when anonymous requests are
/// allowed on the network.
/// </summary>
internal static class RestAuthenticationRegistration
{
    /// <summary>How often the JWKS endpoint's keys are read again when nothing asks sooner.</summary>
    private static readonly TimeSpan JwksRefresh = TimeSpan.FromHours(1);

    /// <summary>The shortest time between two reads of the JWKS endpoint for a key the cache does not hold.</summary>
    private static readonly TimeSpan JwksUnknownKeyRefresh = TimeSpan.FromSeconds(30);

    /// <summary>Registers the check for valid <paramref name="options"/>; signing key files are read now.</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A signing key file cannot be read.</exception>
    public static void Add(IServiceCollection services, RestApiOptions options)
    {
        services.AddSingleton<RestAuthentication>();
        if (RestExposure.AllowedAnonymous(options) is { } exposure)
        {
            services.AddHostedService(provider => ActivatorUtilities.CreateInstance<AnonymousRestWarning>(provider, exposure));
        }

        if (RestAuthenticatorNames.Of(options).Contains(RestAuthenticatorKind.OAuth))
        {
            AddOAuth(services, options.OAuth);
        }
    }

    private static void AddOAuth(IServiceCollection services, RestOAuthOptions oauth)
    {
        var keys = string.IsNullOrWhiteSpace(oauth.SigningKeyPath) ? [] : SigningKeyFile.Load(oauth.SigningKeyPath);
        services.AddAuthentication().AddJwtBearer(RestAuthentication.OAuthScheme, jwt =>
        {
            // Claims as the token names them (sub, exp, aud), as Gravitino reads them.
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateAudience = true,
                ValidAudience = oauth.Audience,
                ValidateIssuer = !string.IsNullOrWhiteSpace(oauth.Issuer),
                ValidIssuer = oauth.Issuer,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ClockSkew = oauth.AllowedClockSkew,
                IssuerSigningKeys = keys,
                NameClaimType = oauth.PrincipalClaim,
            };
            if (!string.IsNullOrWhiteSpace(oauth.JwksUri))
            {
                var address = new Uri(oauth.JwksUri);
                jwt.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                    oauth.JwksUri,
                    new JwksDocument(),
                    new HttpDocumentRetriever { RequireHttps = address.Scheme == Uri.UriSchemeHttps })
                {
                    AutomaticRefreshInterval = JwksRefresh,
                    RefreshInterval = JwksUnknownKeyRefresh,
                };
            }
        });
    }
}
