using System.Collections.Immutable;
using OrleansCache.Entities;
using OrleansCache.Naming;

namespace OrleansCache.Grains.Entities;

/// <summary>
/// What an entity grain persists. Immutable, so the grain can keep the last durable state for
/// reads while a write is in flight.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.EntityState")]
internal sealed record EntityState
{
    /// <summary>The state of an entity that does not exist.</summary>
    public static EntityState Empty { get; } = new();

    /// <summary>The entity, or null when it does not exist here.</summary>
    [Id(0)]
    public EntityRecord? Record { get; init; }

    /// <summary>
    /// A container's children as releases before the child index stored them (one value rewritten
    /// on every change). Read only to migrate: an activation moves them into the index
    /// (<see cref="OrleansCache.Grains.Children.IChildIndex"/>) and stores the state without them.
    /// </summary>
    [Id(1)]
    public ImmutableHashSet<EntityKey> Children { get; init; } = [];

    /// <summary>
    /// The highest version any former child (and its subtree) reached. New children start above it,
    /// so an identifier's versions keep growing across drop and re-create.
    /// </summary>
    [Id(2)]
    public long ChildVersionFloor { get; init; }

    /// <summary>For a schema: the only kind of child its catalog allows (from the catalog's type).</summary>
    [Id(3)]
    public EntityKind? AllowedChildKind { get; init; }

    /// <summary>A rename or subtree move that was started and must be finished.</summary>
    [Id(4)]
    public PendingMove? PendingMove { get; init; }

    /// <summary>Where this entity was moved from, so a retried move is recognised.</summary>
    [Id(5)]
    public MoveOrigin? MovedFrom { get; init; }

    /// <summary>
    /// Set by every write of a change, and left set (clearing it would cost a second write). The
    /// event of a change is appended to the change log only after the change is durable; if the silo
    /// dies in between, the next activation announces the entity's current version instead, unless
    /// the change log vouches that receivers were or will be told of it.
    /// </summary>
    [Id(6)]
    public bool MayBeUnannounced { get; init; }

    /// <summary>
    /// Origin mode, as releases before the child index stored it: the children held from the origin
    /// by origin reference. Read only to migrate into the index, like <see cref="Children"/>.
    /// </summary>
    [Id(7)]
    public ImmutableDictionary<string, EntityKey> OriginChildren { get; init; } = ImmutableDictionary<string, EntityKey>.Empty;

    /// <summary>A cascade drop of this container that was started and must be finished.</summary>
    [Id(8)]
    public PendingDrop? PendingDrop { get; init; }

    /// <summary>True when the state holds children in the pre-index form (see <see cref="Children"/>).</summary>
    public bool HoldsLegacyChildren => !Children.IsEmpty || !OriginChildren.IsEmpty;

    /// <summary>True when nothing is worth keeping in storage.</summary>
    public bool IsVacant => Record is null && !HoldsLegacyChildren && PendingMove is null && PendingDrop is null;
}

/// <summary>
/// The intent to drop a container and its subtree, stored before the first child is dropped so that
/// an activation after a crash finishes it (see docs/adr/0010-container-child-index.md).
/// </summary>
/// <param name="Requested">True when a client asked this drop (it unregisters from the parent and announces it); false under an ancestor's cascade.</param>
/// <param name="Actor">Who asked it, for the event.</param>
[GenerateSerializer, Immutable, Alias("oc.PendingDrop")]
internal sealed record PendingDrop(
    [property: Id(0)] bool Requested,
    [property: Id(1)] string? Actor);

/// <summary>The intent to move an entity to <see cref="Target"/> as <see cref="Moved"/>.</summary>
[GenerateSerializer, Immutable, Alias("oc.PendingMove")]
internal sealed record PendingMove(
    [property: Id(0)] EntityKey Target,
    [property: Id(1)] EntityRecord Moved,
    [property: Id(2)] bool UnregisterFromParent);

/// <summary>The source of a move and the version the moved record had when it was sent.</summary>
[GenerateSerializer, Immutable, Alias("oc.MoveOrigin")]
internal sealed record MoveOrigin([property: Id(0)] EntityKey Source, [property: Id(1)] long SentVersion);
