namespace OrleansCache.Events;

/// <summary>Where a metalake's change log stands: its epoch and the sequence of its latest event.</summary>
[GenerateSerializer, Immutable, Alias("oc.ChangeLogPosition")]
public sealed record ChangeLogPosition([property: Id(0)] Guid Epoch, [property: Id(1)] long Sequence);
