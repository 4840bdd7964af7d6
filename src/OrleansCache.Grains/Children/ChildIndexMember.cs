using OrleansCache.Naming;

namespace OrleansCache.Grains.Children;

/// <summary>
/// How a child is written in an index: <c>kind-token:name</c>. Names never hold ':' (the naming rules
/// allow word characters, '/', '=' and '-'), and ';' follows ':', so the members of one kind are the
/// lexicographic range [<c>kind:</c>, <c>kind;</c>) and sort by name within it, ordinally (UTF-8 byte
/// order equals code point order). These strings are persisted: never change the format.
/// </summary>
internal static class ChildIndexMember
{
    public static string Of(EntityKey child) => $"{EntityKindTokens.ToToken(child.Kind)}:{child.Identifier.Name}";

    /// <summary>The first member of <paramref name="kind"/>'s range after <paramref name="after"/>, exclusive.</summary>
    public static string After(EntityKind kind, string? after) => $"{EntityKindTokens.ToToken(kind)}:{after}";

    /// <summary>The exclusive upper end of <paramref name="kind"/>'s range.</summary>
    public static string End(EntityKind kind) => $"{EntityKindTokens.ToToken(kind)};";

    /// <summary>The child of <paramref name="container"/> that <paramref name="member"/> names.</summary>
    /// <exception cref="FormatException">The member is not in this format.</exception>
    public static EntityKey Parse(EntityKey container, string member)
    {
        var separator = member.IndexOf(':', StringComparison.Ordinal);
        if (separator <= 0 || !EntityKindTokens.TryParse(member[..separator], out var kind))
        {
            throw new FormatException($"'{member}' is not a child index member.");
        }

        return container.Child(kind, member[(separator + 1)..]);
    }
}
