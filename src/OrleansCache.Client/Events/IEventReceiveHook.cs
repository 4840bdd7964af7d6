using OrleansCache.Events;

namespace OrleansCache.Client.Events;

/// <summary>
/// A test hook on the client's receive path: events it refuses are treated as lost in transit.
/// Tests register one to prove that lost events are detected and repaired.
/// </summary>
internal interface IEventReceiveHook
{
    /// <summary>True to drop the event as if it never arrived.</summary>
    bool Drop(EntityChanged changed);
}
