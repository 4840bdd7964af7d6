using OrleansCache.Naming;

namespace OrleansCache.Errors;

/// <summary>
/// A container that still has children was dropped without cascade. Nothing was changed; drop
/// with cascade to remove the container and every descendant.
/// </summary>
[GenerateSerializer, Alias("oc.NonEmptyContainerException")]
public sealed class NonEmptyContainerException : OrleansCacheException
{
    /// <summary>Creates the error.</summary>
    public NonEmptyContainerException(string identifier, EntityKind kind, int childCount)
        : base(identifier, $"{EntityKindTokens.ToToken(kind)} '{identifier}' has {childCount} child(ren); drop it with cascade to remove them too.")
    {
        Kind = kind;
        ChildCount = childCount;
    }

    /// <summary>The kind of the container.</summary>
    [Id(0)]
    public EntityKind Kind { get; private set; }

    /// <summary>How many direct children it has.</summary>
    [Id(1)]
    public int ChildCount { get; private set; }
}
