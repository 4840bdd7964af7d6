namespace OrleansCache.Origin.Gravitino.Polling;

/// <summary>
/// Which rows of Gravitino's <c>entity_change_log</c> the poller still has to apply. Every poll reads
/// the rows above the highest id applied <em>and</em> every row stamped within the lag window, then
/// skips those applied already. A bare <c>id &gt; last</c> cursor (Gravitino's own poller) loses a row
/// whose transaction took its id before a higher one but committed after it (apache/gravitino
/// #11736): here that row is still inside the window when it becomes visible.
/// </summary>
/// <remarks>
/// Invariant: an id is forgotten only once its stamp is older than the window the query reads, so a
/// forgotten row is never read again; a row is missed only if its transaction commits more than the
/// lag window after its stamp (Gravitino stamps it with the time of writing).
/// </remarks>
internal sealed class ChangeLogWindow(TimeSpan lag)
{
    private readonly Dictionary<long, long> _applied = [];

    /// <summary>The highest id applied; the query reads every row above it.</summary>
    public long HighestId { get; private set; }

    /// <summary>How many applied ids are remembered (bounded by the rows written within the window).</summary>
    public int Remembered => _applied.Count;

    /// <summary>The oldest stamp (origin clock, Unix ms) the query must read again at <paramref name="nowMs"/>.</summary>
    public long Since(long nowMs) => nowMs - (long)lag.TotalMilliseconds;

    /// <summary>True when the row was not applied yet.</summary>
    public bool IsNew(long id) => !_applied.ContainsKey(id);

    /// <summary>Starts above the rows written before the feed started (the cache drops what it holds then), keeping the window's re-reads.</summary>
    public void StartAbove(long highestId) => HighestId = Math.Max(HighestId, highestId);

    /// <summary>Records that the row is applied (durably, by the sink).</summary>
    public void Applied(long id, long createdAtMs)
    {
        _applied[id] = createdAtMs;
        HighestId = Math.Max(HighestId, id);
    }

    /// <summary>Forgets the rows stamped before the window of a query made at <paramref name="nowMs"/>.</summary>
    public void Forget(long nowMs)
    {
        var since = Since(nowMs);
        foreach (var (id, stamp) in _applied)
        {
            if (stamp < since)
            {
                _applied.Remove(id);
            }
        }
    }
}
