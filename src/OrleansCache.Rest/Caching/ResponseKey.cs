using OrleansCache.Naming;

namespace OrleansCache.Rest.Caching;

/// <summary>
/// What a rendered response answers: one entity (<see cref="ListOf"/> null), or the children of one
/// kind of a container, as identifiers or names, or in full with <c>?details=true</c>.
/// </summary>
internal readonly record struct ResponseKey(EntityKey Subject, EntityKind? ListOf, bool Details)
{
    /// <summary>The response of the entity <paramref name="key"/>.</summary>
    public static ResponseKey Entity(EntityKey key) => new(key, null, false);

    /// <summary>The list of <paramref name="kind"/> children of <paramref name="container"/>.</summary>
    public static ResponseKey List(EntityKey container, EntityKind kind, bool details) => new(container, kind, details);

    /// <summary>True for a list.</summary>
    public bool IsList => ListOf is not null;
}
