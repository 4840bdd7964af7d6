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
}
