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

    /// <summary>
    /// This record with the strings that repeat across entities taken from <paramref name="pool"/>
    /// (its key's namespace levels, its payload's vocabulary, its principals): what an entity grain
    /// holds. Equal to this record, and this very instance when nothing changes.
    /// </summary>
    public EntityRecord ShareStrings(StringPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var key = Key.ShareStrings(pool);
        var payload = Payload.ShareStrings(pool);
        var audit = Audit.ShareStrings(pool);
        return ReferenceEquals(key, Key) && ReferenceEquals(payload, Payload) && ReferenceEquals(audit, Audit)
            ? this
            : this with { Key = key, Payload = payload, Audit = audit };
    }

    /// <summary>The payload as <typeparamref name="TPayload"/>.</summary>
    /// <exception cref="InvalidCastException">The payload is of another kind.</exception>
    public TPayload PayloadAs<TPayload>() where TPayload : EntityPayload => (TPayload)Payload;
}
