using OrleansCache.Naming;

namespace OrleansCache.Grains.Origins;

/// <summary>How a container indexes a child it holds from the origin.</summary>
internal static class OriginRefs
{
    /// <summary>The child's kind and origin id (origin ids are unique per kind, not across kinds).</summary>
    public static string Child(EntityKind kind, string originId) => $"{EntityKindTokens.ToToken(kind)}:{originId}";
}
