using OrleansCache.Naming;

namespace OrleansCache.Grains.Children;

/// <summary>
/// The index of a container's children, kept beside the container's grain state so that adding,
/// removing or listing one child costs the same at 10 or 200,000 children (see
/// docs/adr/0010-container-child-index.md). Public only because the entity grain takes it; the silo
/// registers it with grain storage. The entity grain of the container is the only writer of
/// its index and calls it from its write turns.
/// </summary>
/// <remarks>
/// Invariant: the index is a superset of the container's stored children. A child is added before
/// its own state is stored and removed only after its state is gone (or moved), so a crash between
/// the two leaves at most an entry without a child, which a cascade or a drop of that name prunes.
/// A write returns only once it is durable as grain storage counts durable (replica-acknowledged
/// when storage waits for replicas).
/// </remarks>
internal interface IChildIndex
{
    /// <summary>Adds <paramref name="children"/> to <paramref name="container"/>'s index (idempotent).</summary>
    Task Add(EntityKey container, IReadOnlyCollection<EntityKey> children);

    /// <summary>Removes <paramref name="children"/> from the index (absent ones are ignored).</summary>
    Task Remove(EntityKey container, IReadOnlyCollection<EntityKey> children);

    /// <summary>
    /// Up to <paramref name="limit"/> children sorted by kind token, then by name (ordinal): only those
    /// of <paramref name="kind"/> when given, and only names strictly after <paramref name="after"/>.
    /// </summary>
    Task<IReadOnlyList<EntityKey>> Page(EntityKey container, EntityKind? kind, string? after, int limit);

    /// <summary>How many entries the index holds (all kinds).</summary>
    Task<long> Count(EntityKey container);

    /// <summary>Origin mode: the child held under <paramref name="originRef"/>, or null.</summary>
    Task<EntityKey?> FindOrigin(EntityKey container, string originRef);

    /// <summary>Origin mode: holds each child under its origin reference (replacing what was held).</summary>
    Task SetOrigin(EntityKey container, IReadOnlyDictionary<string, EntityKey> children);

    /// <summary>Origin mode: forgets what is held under <paramref name="originRef"/>.</summary>
    Task RemoveOrigin(EntityKey container, string originRef);

    /// <summary>
    /// Origin mode: one batch of the held children, from <paramref name="cursor"/> (0 to start);
    /// the returned cursor is 0 when the scan is complete. Entries may repeat across batches.
    /// </summary>
    Task<(IReadOnlyList<EntityKey> Children, long Cursor)> ScanOrigin(EntityKey container, long cursor, int count);

    /// <summary>Deletes the container's whole index (children and origin references).</summary>
    Task Clear(EntityKey container);
}
