using OrleansCache.Entities;
using OrleansCache.Naming;
using Orleans.Concurrency;

namespace OrleansCache.Grains.Entities;

/// <summary>
/// The silo-internal protocol between an entity grain, its parent and its children: the child
/// index, cascades and subtree moves. Clients never call it (they do not reference this assembly).
/// </summary>
/// <remarks>
/// Index calls interleave with a container's own writes so that a child calling up while its
/// parent calls down (a drop racing a cascade) cannot deadlock; the grain serializes their storage
/// writes itself.
/// </remarks>
[Alias("oc.IEntityTreeGrain")]
internal interface IEntityTreeGrain : IGrainWithStringKey
{
    /// <summary>Adds a child to the index; fails with not-found when this container is absent or closing.</summary>
    [AlwaysInterleave, Alias("register-child")]
    Task<ParentGrant> RegisterChild(EntityKey child);

    /// <summary>Removes a child from the index and raises the version floor to <paramref name="lastVersion"/>.</summary>
    [AlwaysInterleave, Alias("unregister-child")]
    Task UnregisterChild(EntityKey child, long lastVersion);

    /// <summary>Drops this entity and its subtree as part of an ancestor's cascade.</summary>
    /// <returns>The highest version in the dropped subtree (0 when nothing was there).</returns>
    [Alias("drop-as-descendant")]
    Task<long> DropAsDescendant();

    /// <summary>Moves this entity (and its subtree) to <paramref name="target"/>, under an ancestor being renamed.</summary>
    [Alias("move-as-descendant")]
    Task MoveAsDescendant(EntityKey target);

    /// <summary>
    /// When this entity is not stored, removes it from its parent's index and returns true: prunes
    /// an entry a create left behind when it died before storing its state. Turn-based, so it never
    /// runs while a create of this entity is in flight.
    /// </summary>
    [Alias("prune-if-absent")]
    Task<bool> PruneIfAbsent();

    /// <summary>Receives an entity moved here from <paramref name="source"/>; idempotent for a retried move.</summary>
    [Alias("adopt")]
    Task<EntityRecord> Adopt(EntityRecord moved, EntityKey source);
}
