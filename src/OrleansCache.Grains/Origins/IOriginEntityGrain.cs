using Orleans.Concurrency;
using OrleansCache.Events;
using OrleansCache.Naming;
using OrleansCache.Origins;

namespace OrleansCache.Grains.Origins;

/// <summary>
/// The origin-mode protocol between the entity grains and the origin feed (implemented by the
/// entity grain; silo-internal). A container indexes the children the cache holds by their origin
/// id, so a change keyed by id finds the name the cache holds the entity under.
/// </summary>
/// <remarks>
/// Deadlock freedom: the one turn-based call (apply) only calls interleaving ones (invalidate)
/// downward, and interleaving calls (reads, register, invalidate) never wait on a turn-based one.
/// Invariants: a child stores a record read from the origin only after its container registered it
/// (so the container can always find it), and only if no origin change reached it or its container
/// after its read started (generation and position fences): a fill never stores older state than a
/// change the cache already applied.
/// </remarks>
[Alias("oc.IOriginEntityGrain")]
internal interface IOriginEntityGrain : IGrainWithStringKey
{
    /// <summary>
    /// Registers <paramref name="child"/>, read from the origin at <paramref name="position"/>, as
    /// held under its origin id. False when a change of one of this container's children was applied
    /// after <paramref name="position"/>: the read may predate it and must not be stored.
    /// </summary>
    /// <remarks>
    /// Interleaves with other registrations so they share storage writes; a change of a child
    /// (turn-based) never runs while one is in flight, so the fence holds.
    /// </remarks>
    [AlwaysInterleave, Alias("origin-register")]
    Task<bool> RegisterOriginChild(string originRef, EntityKey child, long position);

    /// <summary>Applies one origin change of a child of this container; returns once it is durable and announced.</summary>
    [Alias("origin-apply")]
    Task ApplyOriginChange(OriginChange change, long position);

    /// <summary>
    /// Forgets what this entity holds from the origin (and, with <paramref name="subtree"/>, what its
    /// descendants hold), then announces <paramref name="announce"/> when given. Returns once durable.
    /// </summary>
    /// <remarks>
    /// Interleaves with everything: a container applying a change waits on this, and this entity may
    /// at that moment be reading through and waiting on that container's registration turn. Writes
    /// stay serialized by the grain's storage turns; fills that began before it do not store.
    /// </remarks>
    [AlwaysInterleave, Alias("origin-invalidate")]
    Task Invalidate(long position, bool subtree, ChangeKind? announce, EntityKey? newKey);

    /// <summary>Forgets everything held under this entity (a full reconcile), announcing each entity as altered.</summary>
    [AlwaysInterleave, Alias("origin-forget-all")]
    Task ForgetAll(long position);
}
