using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace OrleansCache.Rest.Security;

/// <summary>
/// Reads a bare JWKS endpoint (<see cref="Providers.RestOAuthOptions.JwksUri"/>) as the signing keys of
/// an OpenID configuration, so the JWT handler's configuration manager caches and refreshes them (it
/// asks again when a token names a key it does not hold). Gravitino takes a JWKS address, not an
/// OpenID discovery document, so the cache does too.
/// </summary>
internal sealed class JwksDocument : IConfigurationRetriever<OpenIdConnectConfiguration>
{
    /// <inheritdoc/>
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(retriever);
        var keys = new JsonWebKeySet(await retriever.GetDocumentAsync(address, cancel));
        var configuration = new OpenIdConnectConfiguration { JsonWebKeySet = keys };
        foreach (var key in keys.GetSigningKeys())
        {
            configuration.SigningKeys.Add(key);
        }

        return configuration;
    }
}
