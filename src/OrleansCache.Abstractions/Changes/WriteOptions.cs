namespace OrleansCache.Changes;

/// <summary>Options carried by every write.</summary>
[GenerateSerializer, Immutable, Alias("oc.WriteOptions")]
public sealed record WriteOptions
{
    /// <summary>The default: anonymous actor, no version check.</summary>
    public static WriteOptions Default { get; } = new();

    /// <summary>The principal making the change, recorded in the audit info; <c>anonymous</c> when null.</summary>
    [Id(0)]
    public string? Actor { get; init; }

    /// <summary>
    /// When set, the write happens only if the entity is at exactly this version; otherwise it fails
    /// with <see cref="Errors.ConcurrentUpdateException"/> and nothing changes (optimistic concurrency).
    /// </summary>
    [Id(1)]
    public long? ExpectedVersion { get; init; }

    /// <summary>The actor to record.</summary>
    public string EffectiveActor => string.IsNullOrWhiteSpace(Actor) ? "anonymous" : Actor;
}
