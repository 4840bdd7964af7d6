using OrleansCache.Naming;

namespace OrleansCache.Events;

/// <summary>
/// A change event, published by an entity grain on its metalake's change stream after the change is
/// durable. It carries no payload: a near cache drops what is older and reads the new state on
/// demand.
/// </summary>
/// <remarks>
/// A container's drop or rename is one event for the whole subtree (descendants publish none); a
/// receiver drops every entry under <see cref="Key"/> (and, for a rename, under
/// <see cref="NewKey"/>) at name boundaries.
/// </remarks>
[GenerateSerializer, Immutable, Alias("oc.EntityChanged")]
public sealed record EntityChanged
{
    /// <summary>The entity that changed (its old key, for a rename).</summary>
    [Id(0)]
    public required EntityKey Key { get; init; }

    /// <summary>What happened.</summary>
    [Id(1)]
    public required ChangeKind Change { get; init; }

    /// <summary>The version the change produced (for a drop, the last version the entity had).</summary>
    [Id(2)]
    public required long Version { get; init; }

    /// <summary>The new key, for a rename; otherwise null.</summary>
    [Id(3)]
    public EntityKey? NewKey { get; init; }

    /// <summary>Who made the change.</summary>
    [Id(4)]
    public string? Actor { get; init; }

    /// <summary>When the change became durable (UTC).</summary>
    [Id(5)]
    public DateTimeOffset At { get; init; }

    /// <summary>
    /// The epoch of the metalake change log that numbered this event. A new epoch means the log's
    /// history was lost (its silo died): receivers drop what they hold of the metalake.
    /// </summary>
    [Id(6)]
    public Guid Epoch { get; init; }

    /// <summary>
    /// The event's position in its metalake change log (1, 2, 3… within an epoch). A receiver that
    /// sees a gap knows it missed events and repairs from the log.
    /// </summary>
    [Id(7)]
    public long Sequence { get; init; }

    /// <summary>True when the change reaches every descendant of <see cref="Key"/> (a container dropped or renamed).</summary>
    public bool AffectsSubtree => Change is ChangeKind.Dropped or ChangeKind.Renamed && Key.IsContainer;
}
