using System.Net;
using OrleansCache.Rest.Providers;

namespace OrleansCache.Rest.Security;

/// <summary>
/// Secure by default, as the gateway is (OrleansCache.Grains' GatewayExposure): who can reach the REST
/// API, and whether that is allowed. Without a check, anyone who reaches the port reads every metalake,
/// catalog, schema and table and follows the change feed, so a port reachable from the network needs
/// an authentication mode (a local authenticator, or the upstream's check) or an explicit
/// <see cref="RestApiOptions.AllowAnonymous"/>. A loopback port needs neither.
/// </summary>
internal static class RestExposure
{
    private const string Section = RestApiOptions.SectionName;

    /// <summary>True when <see cref="RestApiOptions.ListenAddress"/> is a loopback address (or <c>localhost</c>).</summary>
    public static bool IsLoopbackOnly(RestApiOptions options) =>
        string.Equals(options.ListenAddress, RestApiOptions.LocalhostAddress, StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(options.ListenAddress, out var address) && IPAddress.IsLoopback(address));

    /// <summary>True when every request is checked, locally or by the upstream.</summary>
    public static bool HasAuthentication(RestApiOptions options) =>
        RestAuthenticatorNames.Of(options).Count > 0 || (options.RequireAuth && !string.IsNullOrWhiteSpace(options.Upstream));

    /// <summary>Why the API would serve anyone on the network, or null when it would not (or is off).</summary>
    public static string? Problem(RestApiOptions options)
    {
        if (options.Port is not { } port || IsLoopbackOnly(options) || HasAuthentication(options))
        {
            return null;
        }

        return $"the REST API (port {port}) listens on {Describe(options.ListenAddress)} without authentication, so anyone who reaches it reads every metalake, catalog, schema and table and follows the change feed";
    }

    /// <summary>The start-up failure for an open API that is not explicitly allowed, or null.</summary>
    public static string? Refusal(RestApiOptions options) =>
        options.AllowAnonymous || Problem(options) is not { } problem
            ? null
            : $"Refusing to start: {problem}. Set {Section}:Authenticators (oauth, or simple on a trusted network; README, 'Gravitino clients: the REST API'), " +
              $"or {Section}:RequireAuth=true with {Section}:Upstream, or keep {Section}:ListenAddress on loopback (localhost, the default), " +
              $"or, on a network you trust, set {Section}:AllowAnonymous=true to serve anyone.";

    /// <summary>
    /// What <see cref="RestApiOptions.AllowAnonymous"/> opens to the network, or null when it opens
    /// nothing (loopback port, or every request still goes to the upstream's check).
    /// </summary>
    public static string? AllowedAnonymous(RestApiOptions options)
    {
        if (!options.AllowAnonymous || options.Port is not { } port || IsLoopbackOnly(options))
        {
            return null;
        }

        if (RestAuthenticatorNames.Of(options).Count > 0)
        {
            return $"the REST API (port {port}) on {Describe(options.ListenAddress)} serves requests that carry no credential, as 'anonymous', to anyone who reaches it";
        }

        return Problem(options);
    }

    private static string Describe(string address) => address == RestApiOptions.AnyAddress ? "every address" : address;
}
