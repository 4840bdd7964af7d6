namespace OrleansCache.Client;

/// <summary>How a read may be served.</summary>
public enum ReadConsistency
{
    /// <summary>
    /// From the near cache when it holds the entity (fresh within the staleness bound, never older
    /// than what this client already returned or wrote); otherwise from the entity's grain.
    /// </summary>
    Cached = 0,

    /// <summary>
    /// Always from the entity's grain, bypassing the near cache: linearizable per entity. Never
    /// served stale, even with fail-safe on.
    /// </summary>
    Strong = 1,
}
