using System.Collections.Immutable;
using OrleansCache.Naming;

namespace OrleansCache.Grains.Children;

/// <summary>
/// The child index of the embedded (memory storage) mode: one <see cref="IChildIndexGrain"/> per
/// container, kept active, so it lives as long as the memory grain storage it stands beside and
/// is found from any silo. Not durable, like that storage.
/// </summary>
internal sealed class MemoryChildIndex(IGrainFactory grains) : IChildIndex
{
    public Task Add(EntityKey container, IReadOnlyCollection<EntityKey> children) =>
        children.Count == 0 ? Task.CompletedTask : Grain(container).Add([.. children.Select(ChildIndexMember.Of)]);

    public Task Remove(EntityKey container, IReadOnlyCollection<EntityKey> children) =>
        children.Count == 0 ? Task.CompletedTask : Grain(container).Remove([.. children.Select(ChildIndexMember.Of)]);

    public async Task<IReadOnlyList<EntityKey>> Page(EntityKey container, EntityKind? kind, string? after, int limit)
    {
        var members = kind is { } k
            ? await Grain(container).Range(ChildIndexMember.After(k, after), ChildIndexMember.End(k), limit)
            : await Grain(container).Range(null, null, limit);
        return [.. members.Select(member => ChildIndexMember.Parse(container, member))];
    }

    public Task<long> Count(EntityKey container) => Grain(container).Count();

    public async Task<EntityKey?> FindOrigin(EntityKey container, string originRef) =>
        await Grain(container).FindOrigin(originRef) is { } held ? EntityKey.ParseGrainKey(held) : null;

    public Task SetOrigin(EntityKey container, IReadOnlyDictionary<string, EntityKey> children) =>
        children.Count == 0 ? Task.CompletedTask : Grain(container).SetOrigin(children.ToImmutableDictionary(pair => pair.Key, pair => pair.Value.ToGrainKey()));

    public Task RemoveOrigin(EntityKey container, string originRef) => Grain(container).RemoveOrigin(originRef);

    public async Task<(IReadOnlyList<EntityKey> Children, long Cursor)> ScanOrigin(EntityKey container, long cursor, int count)
    {
        var (held, next) = await Grain(container).ScanOrigin(cursor, count);
        return ([.. held.Select(EntityKey.ParseGrainKey)], next);
    }

    public Task Clear(EntityKey container) => Grain(container).Clear();

    private IChildIndexGrain Grain(EntityKey container) => grains.GetGrain<IChildIndexGrain>(container.ToGrainKey());
}
