using System.Collections.Immutable;

namespace OrleansCache.Grains.Children;

/// <summary>One container's child index in silo memory (see <see cref="MemoryChildIndex"/>); members as in <see cref="ChildIndexMember"/>.</summary>
[Alias("oc.IChildIndexGrain")]
internal interface IChildIndexGrain : IGrainWithStringKey
{
    [Alias("add")]
    Task Add(ImmutableArray<string> members);

    [Alias("remove")]
    Task Remove(ImmutableArray<string> members);

    /// <summary>Up to <paramref name="limit"/> members strictly between the bounds (null: unbounded), in ordinal order.</summary>
    [Alias("range")]
    Task<ImmutableArray<string>> Range(string? after, string? before, int limit);

    [Alias("count")]
    Task<long> Count();

    [Alias("find-origin")]
    Task<string?> FindOrigin(string originRef);

    [Alias("set-origin")]
    Task SetOrigin(ImmutableDictionary<string, string> children);

    [Alias("remove-origin")]
    Task RemoveOrigin(string originRef);

    /// <summary>Held children from position <paramref name="cursor"/>; the next cursor, 0 at the end.</summary>
    [Alias("scan-origin")]
    Task<(ImmutableArray<string> Children, long Cursor)> ScanOrigin(long cursor, int count);

    [Alias("clear")]
    Task Clear();
}
