namespace OrleansCache.Entities;

/// <summary>Who created and who last changed an entity, and when (UTC).</summary>
[GenerateSerializer, Immutable, Alias("oc.AuditInfo")]
public sealed record AuditInfo
{
    /// <summary>The principal that created the entity.</summary>
    [Id(0)]
    public required string Creator { get; init; }

    /// <summary>When the entity was created.</summary>
    [Id(1)]
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The principal of the last change (the creator until the first change).</summary>
    [Id(2)]
    public required string LastModifier { get; init; }

    /// <summary>When the entity last changed.</summary>
    [Id(3)]
    public required DateTimeOffset LastModifiedAt { get; init; }

    /// <summary>Audit info for a new entity.</summary>
    public static AuditInfo Created(string actor, DateTimeOffset at) =>
        new() { Creator = actor, CreatedAt = at, LastModifier = actor, LastModifiedAt = at };

    /// <summary>This audit info with its principals taken from <paramref name="pool"/>; this very instance when they already are the pool's.</summary>
    public AuditInfo ShareStrings(StringPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var creator = pool.Share(Creator);
        var lastModifier = pool.Share(LastModifier);
        return ReferenceEquals(creator, Creator) && ReferenceEquals(lastModifier, LastModifier)
            ? this
            : this with { Creator = creator, LastModifier = lastModifier };
    }

    /// <summary>This audit info after a change by <paramref name="actor"/>.</summary>
    public AuditInfo Modified(string actor, DateTimeOffset at) => this with { LastModifier = actor, LastModifiedAt = at };
}
