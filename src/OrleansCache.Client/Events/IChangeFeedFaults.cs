using OrleansCache.Events;

namespace OrleansCache.Client.Events;

/// <summary>
/// A test hook that injects faults into the client's change feed. Tests register one to prove
/// that lost events are detected and repaired, and that a client with neither events nor
/// reconciliation is caught serving stale values by the consistency checker.
/// </summary>
internal interface IChangeFeedFaults
{
    /// <summary>True to drop the event as if it never arrived.</summary>
    bool DropEvent(EntityChanged changed);

    /// <summary>True to skip every periodic reconciliation with the change logs.</summary>
    bool SkipReconciliation => false;
}
