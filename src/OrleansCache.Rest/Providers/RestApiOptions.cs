namespace OrleansCache.Rest.Providers;

/// <summary>
/// The Gravitino-compatible REST API (configuration section <c>OrleansCache:Rest</c>). Off unless
/// <see cref="Port"/> is set; then the silo host serves Gravitino's read paths under <c>/api</c> on
/// that port, at <see cref="ListenAddress"/> (loopback by default).
/// </summary>
/// <remarks>
/// Secure by default, as the gateway is: a port reachable from the network (a <see cref="ListenAddress"/>
/// that is not loopback) starts only with an authentication mode (<see cref="Authenticators"/>, or
/// <see cref="RequireAuth"/> with an <see cref="Upstream"/>) or with <see cref="AllowAnonymous"/>;
/// otherwise the options fail validation and the silo does not start.
/// </remarks>
public sealed class RestApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "OrleansCache:Rest";

    /// <summary>The port the API listens on (Gravitino's own is 8090). Unset (the default): the API is off. 1 to 65535.</summary>
    public int? Port { get; set; }

    /// <summary>
    /// The address the API listens on: <c>localhost</c> (the default: 127.0.0.1 and ::1, reachable
    /// from this machine only), another loopback address, <c>*</c> for every address, or one IP
    /// address of this machine. Anything but loopback needs an authentication mode or
    /// <see cref="AllowAnonymous"/>.
    /// </summary>
    public string ListenAddress { get; set; } = LocalhostAddress;

    /// <summary>The <see cref="ListenAddress"/> meaning the loopback addresses (IPv4 and IPv6).</summary>
    public const string LocalhostAddress = "localhost";

    /// <summary>The <see cref="ListenAddress"/> meaning every address of the machine.</summary>
    public const string AnyAddress = "*";

    /// <summary>
    /// Gravitino's authentication modes, checked by the cache itself, comma-separated in the order they
    /// are tried (as Gravitino's <c>gravitino.authenticators</c>): <c>simple</c> (a user name in a Basic
    /// header; trusted networks only: nothing proves the name) and <c>oauth</c> (a JWT bearer token
    /// checked against <see cref="OAuth"/>). Unset (the default): no local check. Every request on the
    /// port, including the change feed and a 304 answer, passes the check first; a missing or bad
    /// credential gets Gravitino's 401 (code 1011).
    /// </summary>
    public string? Authenticators { get; set; }

    /// <summary>
    /// True serves requests that carry no credential (as Gravitino's user <c>anonymous</c>) on a port
    /// reachable from the network; a credential that is present is still checked. The silo then logs
    /// an <c>INSECURE REST API</c> warning once at start. Default false.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>The <c>oauth</c> authenticator's settings (section <c>OrleansCache:Rest:OAuth</c>).</summary>
    public RestOAuthOptions OAuth { get; set; } = new();

    /// <summary>The rendered-response cache and response compression (section <c>OrleansCache:Rest:ResponseCache</c>); on by default.</summary>
    public RestResponseCacheOptions ResponseCache { get; set; } = new();

    /// <summary>TLS on the API's port (section <c>OrleansCache:Rest:Tls</c>); off unless a certificate is set.</summary>
    public RestTlsOptions Tls { get; set; } = new();

    /// <summary>
    /// A Gravitino server (for example <c>http://gravitino:8090</c>) that every request the cache does
    /// not serve (writes, paths it does not know) is forwarded to unchanged. Unset: such requests get
    /// Gravitino's "unsupported operation" error (405, code 1006).
    /// </summary>
    public string? Upstream { get; set; }

    /// <summary>
    /// True: a cached entity is served only to a request whose credentials the <see cref="Upstream"/>
    /// accepted for the same path (asked with the request's own credentials). Needs <see cref="Upstream"/>.
    /// Default false.
    /// </summary>
    public bool RequireAuth { get; set; }

    /// <summary>
    /// With <see cref="RequireAuth"/>: how long the upstream's "yes" for one credential and path is
    /// reused (a refusal is never reused). 0 asks the upstream on every request. Default 5 s; 0 to 10 min.
    /// </summary>
    public TimeSpan AuthCheckTtl { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often an open change feed compares its position with the metalake's change log, so an event
    /// lost on the stream is still sent (repaired from the log) when nothing follows it. Default 250 ms; 10 ms to 1 min.
    /// </summary>
    public TimeSpan ChangeFeedReconcilePeriod { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often an idle change feed sends a comment line, so proxies keep the connection open. Default 15 s; 1 s to 10 min.</summary>
    public TimeSpan ChangeFeedHeartbeat { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The Gravitino version <c>GET /api/version</c> reports when there is no <see cref="Upstream"/>
    /// (with one, the upstream answers). Gravitino's Java client refuses a server older than itself:
    /// set it to the version of the Gravitino server the cache stands for. Default <c>1.0.0</c>.
    /// </summary>
    public string GravitinoVersion { get; set; } = "1.0.0";

    /// <summary>True when the API is on.</summary>
    public bool Enabled => Port is not null;
}
