using OrleansCache.Naming;

namespace OrleansCache.Entities;

/// <summary>
/// One entity as stored and served: its key, payload, audit info and version. Immutable: a change
/// produces a new record with a higher version.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.EntityRecord")]
public sealed record EntityRecord
{
    /// <summary>The entity's kind and identifier.</summary>
    [Id(0)]
    public required EntityKey Key { get; init; }

    /// <summary>What the entity holds.</summary>
    [Id(1)]
    public required EntityPayload Payload { get; init; }

    /// <summary>Who created and last changed it, and when.</summary>
    [Id(2)]
    public required AuditInfo Audit { get; init; }

    /// <summary>
    /// The entity's version. Every acknowledged write gives a higher one; versions of one identifier
    /// keep growing across drops, re-creates, renames, deactivation and silo restarts.
    /// </summary>
    [Id(3)]
    public required long Version { get; init; }

    /// <summary>The payload as <typeparamref name="TPayload"/>.</summary>
    /// <exception cref="InvalidCastException">The payload is of another kind.</exception>
    public TPayload PayloadAs<TPayload>() where TPayload : EntityPayload => (TPayload)Payload;
}
