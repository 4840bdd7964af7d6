using OrleansCache.Errors;
using OrleansCache.Events;
using OrleansCache.Naming;

namespace OrleansCache.Grains.Entities;

/// <summary>
/// Cascades over the child index: a drop or move works through the children one page at a time,
/// so its memory does not grow with the container, and records its intent first, so an activation
/// after a crash finishes it (docs/adr/0010-container-child-index.md).
/// </summary>
internal sealed partial class EntityGrain
{
    // Children read from the index per step of a cascade: the most it holds in memory at once.
    private const int CascadePage = 512;

    // How many index entries a non-cascading drop checks for a child that really exists.
    private const int NonEmptyProbe = 8;

    // Set when this activation finished a drop a client asked before a crash: a retried drop of it
    // answers as the first would have.
    private bool _resumedDrop;

    /// <summary>
    /// The client-requested drop: refuses a non-empty container unless <paramref name="cascade"/>,
    /// drops the subtree, unregisters from the parent and announces it.
    /// </summary>
    private async Task<bool> DropRequested(bool cascade, string? actor)
    {
        if (_committed.PendingDrop is { } pending)
        {
            // A drop asked before a crash: finish it (whatever this call asked, that one asked first).
            await FinishDrop(pending);
            return true;
        }

        if (!HasRecord)
        {
            if (_resumedDrop)
            {
                return true;
            }

            // Not here: if the parent still lists this name (a create that died before storing
            // its state), this is the moment to prune it, in this grain's own turn.
            await Parent.UnregisterChild(_key, 0);
            return false;
        }

        if (!cascade)
        {
            await RefuseIfNonEmpty();
        }

        var lastVersion = await DropSelfAndSubtree(requested: true, actor);
        await Parent.UnregisterChild(_key, lastVersion);
        await AppendToChangeLog(ChangeKind.Dropped, _key, lastVersion, actor);
        return true;
    }

    /// <summary>Finishes a drop recorded in state (after a crash); runs from activation or a retried call.</summary>
    private async Task FinishDrop(PendingDrop pending)
    {
        var lastVersion = await DropSelfAndSubtree(pending.Requested, pending.Actor);
        if (pending.Requested)
        {
            await Parent.UnregisterChild(_key, lastVersion);
            await AppendToChangeLog(ChangeKind.Dropped, _key, lastVersion, pending.Actor);
            _resumedDrop = true;
        }
    }

    /// <summary>
    /// Drops every child, then this entity's state. Returns the highest version the subtree reached,
    /// which the caller passes up as the parent's version floor.
    /// </summary>
    private async Task<long> DropSelfAndSubtree(bool requested, string? actor)
    {
        using (_gate.CloseToNewChildren())
        {
            long highest = 0;
            if (_key.IsContainer)
            {
                if (_committed.PendingDrop is null)
                {
                    // Before the first child goes: from here on the drop finishes even across a crash,
                    // and no child may register (RegisterChild checks it in its write turn).
                    await Commit(state => state with { PendingDrop = new PendingDrop(requested, actor) });
                }

                highest = await DrainChildren(child => TreeGrain(child).DropAsDescendant());
                await ClearIndex();
            }

            var record = RequireRecord();
            var floor = _committed.ChildVersionFloor;
            await Commit(_ => EntityState.Empty);
            return Math.Max(Math.Max(highest, record.Version), floor);
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> on every child in the index, a page at a time,
    /// <see cref="Providers.EntityGrainOptions.CascadeParallelism"/> at once, removing each page from
    /// the index once done, until the index is empty; returns the highest value returned. The caller
    /// has closed the container to new children. A retried cascade resumes where this one stopped:
    /// what completed is out of the index, and the action is idempotent for what did not.
    /// </summary>
    private async Task<long> DrainChildren(Func<EntityKey, Task<long>> action)
    {
        if (!_key.IsContainer)
        {
            return 0;
        }

        long highest = 0;
        while (true)
        {
            var page = await Indexed(_index.Page(_key, kind: null, after: null, CascadePage), "index read");
            if (page.Count == 0)
            {
                return highest;
            }

            foreach (var batch in page.Chunk(_options.CascadeParallelism))
            {
                var results = await Task.WhenAll(batch.Select(action));
                highest = Math.Max(highest, results.Max());
            }

            // The floor before the entries: once they are gone nothing else remembers their versions.
            var floor = highest;
            if (floor > _committed.ChildVersionFloor)
            {
                await Commit(state => state with { ChildVersionFloor = Math.Max(state.ChildVersionFloor, floor) });
            }

            await Indexed(_index.Remove(_key, [.. page]), "index write");
        }
    }

    private async Task ClearIndex()
    {
        if (_key.IsContainer)
        {
            await InStorageLane(() => Indexed(_index.Clear(_key), "index write"));
        }
    }

    /// <summary>
    /// Throws <see cref="NonEmptyContainerException"/> when a child exists. Entries left by a create
    /// that died before storing its state are pruned on the way (each by its own grain, in its own
    /// turn, so a create in flight is never pruned).
    /// </summary>
    private async Task RefuseIfNonEmpty()
    {
        if (!_key.IsContainer)
        {
            return;
        }

        var count = await Indexed(_index.Count(_key), "index read");
        if (count == 0)
        {
            return;
        }

        var probe = await Indexed(_index.Page(_key, kind: null, after: null, NonEmptyProbe), "index read");
        foreach (var child in probe)
        {
            if (await TreeGrain(child).PruneIfAbsent())
            {
                count--;
                continue;
            }

            throw new NonEmptyContainerException(_key.Identifier.ToString(), _key.Kind, (int)Math.Min(count, int.MaxValue));
        }

        if (count > 0)
        {
            throw new NonEmptyContainerException(_key.Identifier.ToString(), _key.Kind, (int)Math.Min(count, int.MaxValue));
        }
    }

    /// <inheritdoc/>
    public async Task<bool> PruneIfAbsent()
    {
        if (HasRecord || _committed.PendingMove is not null || IsRoot)
        {
            return false;
        }

        await Parent.UnregisterChild(_key, 0);
        return true;
    }

    /// <summary>Runs <paramref name="work"/> in the storage lane (ordered with every state write and registration).</summary>
    private async Task InStorageLane(Func<Task> work)
    {
        using (await _gate.EnterStorageWriteAsync())
        {
            await work();
        }
    }

    private Task Indexed(Task call, string operation) => StorageCall.Bounded(call, _options.StorageTimeout, _key, operation);

    private async Task<T> Indexed<T>(Task<T> call, string operation)
    {
        await StorageCall.Bounded(call, _options.StorageTimeout, _key, operation);
        return await call;
    }
}
