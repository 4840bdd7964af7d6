using System.Collections.Immutable;

namespace OrleansCache.Grains.Children;

/// <summary>
/// A container's child index held in memory (embedded mode). Kept active as the memory grain
/// storage is: deactivating would lose the index while the container's state stays.
/// </summary>
[KeepAlive]
[GrainType("child-index")]
internal sealed class ChildIndexGrain : Grain, IChildIndexGrain
{
    private readonly SortedSet<string> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _origin = new(StringComparer.Ordinal);

    public Task Add(ImmutableArray<string> members)
    {
        _members.UnionWith(members);
        return Task.CompletedTask;
    }

    public Task Remove(ImmutableArray<string> members)
    {
        _members.ExceptWith(members);
        return Task.CompletedTask;
    }

    public Task<ImmutableArray<string>> Range(string? after, string? before, int limit)
    {
        IEnumerable<string> range = _members;
        if (after is not null && before is not null)
        {
            range = string.CompareOrdinal(after, before) < 0 ? _members.GetViewBetween(after, before) : [];
        }

        var page = range
            .Where(member => (after is null || string.CompareOrdinal(member, after) > 0) && (before is null || string.CompareOrdinal(member, before) < 0))
            .Take(limit)
            .ToImmutableArray();
        return Task.FromResult(page);
    }

    public Task<long> Count() => Task.FromResult((long)_members.Count);

    public Task<string?> FindOrigin(string originRef) => Task.FromResult(_origin.GetValueOrDefault(originRef));

    public Task SetOrigin(ImmutableDictionary<string, string> children)
    {
        foreach (var (reference, child) in children)
        {
            _origin[reference] = child;
        }

        return Task.CompletedTask;
    }

    public Task RemoveOrigin(string originRef)
    {
        _origin.Remove(originRef);
        return Task.CompletedTask;
    }

    public Task<(ImmutableArray<string> Children, long Cursor)> ScanOrigin(long cursor, int count)
    {
        var batch = _origin.Values.Skip((int)cursor).Take(count).ToImmutableArray();
        var next = cursor + batch.Length;
        return Task.FromResult((batch, next >= _origin.Count ? 0L : next));
    }

    public Task Clear()
    {
        _members.Clear();
        _origin.Clear();
        DeactivateOnIdle();

        return Task.CompletedTask;
    }
}
