namespace OrleansCache.Origin.Gravitino.Providers;

/// <summary>
/// The Gravitino PostgreSQL origin (configuration section <c>OrleansCache:Origin</c>): which
/// database holds Gravitino's relational store and how the cache follows its changes.
/// </summary>
public sealed class GravitinoOriginOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "OrleansCache:Origin";

    /// <summary>The only accepted <see cref="Provider"/>.</summary>
    public const string GravitinoPostgres = "GravitinoPostgres";

    /// <summary>Which origin: <c>GravitinoPostgres</c>. Unset: no origin (standalone).</summary>
    public string? Provider { get; set; }

    /// <summary>
    /// Npgsql connection string of Gravitino's database. The user needs SELECT on Gravitino's tables
    /// and the REPLICATION attribute (and ownership of the tables, once, if the cache is to create
    /// its publication). Required.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The publication the change feed reads. Default <c>orleanscache</c>.</summary>
    public string Publication { get; set; } = "orleanscache";

    /// <summary>The logical replication slot that keeps the feed's position. Default <c>orleanscache</c>.</summary>
    public string Slot { get; set; } = "orleanscache";

    /// <summary>
    /// True (default): create the publication when it is missing (needs ownership of the tables).
    /// False: the operator creates it (README: "Front a Gravitino deployment").
    /// </summary>
    public bool CreatePublication { get; set; } = true;

    /// <summary>How long one origin read may take before the reader gets an error. Default 5 s; 1 s to 5 min.</summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a starting silo waits for PostgreSQL to answer (retrying a refused or failed
    /// connection) before it gives up. Default 10 s; 1 s to 10 min.
    /// </summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// False (default): a silo whose origin does not answer within <see cref="StartupTimeout"/> does
    /// not start (the program exits 2 naming <see cref="ConnectionString"/>): a wrong host or port is
    /// the usual cause. True: it starts anyway and serves what Redis holds, misses failing with
    /// <c>OriginUnavailableException</c> until PostgreSQL answers, as a running silo does through an
    /// outage; for clusters whose silos must come up during a PostgreSQL maintenance window.
    /// </summary>
    public bool StartWhileUnreachable { get; set; }

    /// <summary>The accepted <see cref="ChangeCapture"/> for logical replication (the default).</summary>
    public const string Replication = "Replication";

    /// <summary>The accepted <see cref="ChangeCapture"/> for polling Gravitino's <c>entity_change_log</c>.</summary>
    public const string Polling = "Polling";

    /// <summary>
    /// How the cache learns of the origin's changes: <c>Replication</c> (default: every committed
    /// change, by logical replication; needs the REPLICATION attribute) or <c>Polling</c> (where
    /// replication cannot be granted: Gravitino's <c>entity_change_log</c> every
    /// <see cref="PollInterval"/> plus a reconcile every <see cref="ReconcileInterval"/>; README,
    /// "Front a Gravitino deployment", says what it cannot see).
    /// </summary>
    public string ChangeCapture { get; set; } = Replication;

    /// <summary>Polling: how often <c>entity_change_log</c> is read. Default 1 s; 50 ms to 1 min.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Polling: every poll reads again the log rows stamped within this window (and skips those it
    /// applied), so a row whose transaction commits after a higher id is still seen if it commits
    /// within the window of being written. Default 1 min; at least twice <see cref="PollInterval"/>, at most 1 h.
    /// </summary>
    public TimeSpan LagWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Polling: how often every entity of the origin is compared with the previous pass, catching
    /// what the change log does not record (creates, models, cascades, content alters). Default 1 min;
    /// 1 s to 1 day, at least <see cref="PollInterval"/>.
    /// </summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(1);
}
