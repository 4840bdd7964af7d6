namespace OrleansCache.Rest.Providers;

/// <summary>
/// The Gravitino-compatible REST API (configuration section <c>OrleansCache:Rest</c>). Off unless
/// <see cref="Port"/> is set; then the silo host serves Gravitino's read paths under <c>/api</c> on
/// that port, on every address.
/// </summary>
public sealed class RestApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "OrleansCache:Rest";

    /// <summary>The port the API listens on (Gravitino's own is 8090). Unset (the default): the API is off. 1 to 65535.</summary>
    public int? Port { get; set; }

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
