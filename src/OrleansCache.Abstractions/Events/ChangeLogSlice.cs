using System.Collections.Immutable;

namespace OrleansCache.Events;

/// <summary>
/// The events a change log still holds after a position, in order. <see cref="Complete"/> is false
/// when the log no longer holds all of them (another epoch, or older than its buffer): the reader
/// must then drop what it holds of the metalake instead of repairing event by event.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.ChangeLogSlice")]
public sealed record ChangeLogSlice(
    [property: Id(0)] ChangeLogPosition Head,
    [property: Id(1)] bool Complete,
    [property: Id(2)] ImmutableArray<EntityChanged> Events);
