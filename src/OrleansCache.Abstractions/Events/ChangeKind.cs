namespace OrleansCache.Events;

/// <summary>What happened to an entity. Values are part of the wire format: only append.</summary>
public enum ChangeKind
{
    /// <summary>The entity was created.</summary>
    Created = 0,

    /// <summary>The entity's payload changed.</summary>
    Altered = 1,

    /// <summary>The entity was dropped; for a container, with its whole subtree.</summary>
    Dropped = 2,

    /// <summary>The entity moved to <see cref="EntityChanged.NewKey"/>; for a container, with its whole subtree.</summary>
    Renamed = 3,
}
