namespace OrleansCache.Grains.Origins;

/// <summary>
/// What an entity grain keeps in memory about its origin in origin mode (allocated only then, so a
/// standalone entity pays nothing for it).
/// </summary>
internal sealed class OriginTrack
{
    /// <summary>Bumped by every origin change that reaches this entity: a fill that began before a bump does not store.</summary>
    public long Generation;

    /// <summary>The highest version this activation handed out (fills and events): versions never go back.</summary>
    public long Floor;

    /// <summary>As a container: the highest position of a change applied to any child (the registration fence).</summary>
    public long LastChildChange;

    /// <summary>As a container: registrations not yet written (see the group commit in the entity grain).</summary>
    public Dictionary<string, Naming.EntityKey>? PendingChildren;

    /// <summary>The fill in flight, shared by concurrent misses (single flight).</summary>
    public Task<OrleansCache.Entities.EntityRecord?>? Fill;
}
