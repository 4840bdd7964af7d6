using OrleansCache.Entities;
using OrleansCache.Errors;
using OrleansCache.Events;
using OrleansCache.Naming;

namespace OrleansCache.Grains.Entities;

internal sealed partial class EntityGrain
{
    /// <inheritdoc/>
    public async Task<ParentGrant> RegisterChild(EntityKey child)
    {
        ArgumentNullException.ThrowIfNull(child);
        ParentGrant? grant = null;
        using (await _gate.EnterStorageWriteAsync())
        {
            // Checked inside the storage lane: a drop or move closes this entity and stores its intent
            // (PendingDrop, PendingMove) inside the lane before it reads the index, so a child is
            // either in the index when the cascade reads it or refused here (invariant 6 in
            // EntityGrain's remarks); a stored PendingDrop keeps refusing after a crash.
            if (!IsRoot && (!HasRecord || _gate.IsClosedToNewChildren || _committed.PendingDrop is not null))
            {
                grant = null;
            }
            else
            {
                var allowed = _committed.AllowedChildKind;
                if (allowed is { } kind && child.Kind != kind)
                {
                    throw new InvalidEntityException(
                        child.Identifier.ToString(),
                        $"schema '{_key.Identifier}' belongs to a catalog that holds {EntityKindTokens.ToToken(kind)}s, not {EntityKindTokens.ToToken(child.Kind)}s");
                }

                // Before the child stores its state (the index is a superset of the stored children).
                await Indexed(_index.Add(_key, [child]), "index write");
                var floor = Math.Max(_committed.ChildVersionFloor, CommittedVersion);
                grant = new ParentGrant(floor, ChildKindFor(child));
            }
        }

        return grant ?? throw await ChildParentMissing(child);
    }

    /// <inheritdoc/>
    public async Task UnregisterChild(EntityKey child, long lastVersion)
    {
        ArgumentNullException.ThrowIfNull(child);
        using (await _gate.EnterStorageWriteAsync())
        {
            if (!IsRoot && !HasRecord)
            {
                // This container is gone too; writing would leave an orphan behind.
                return;
            }

            // The floor first: once the entry is gone nothing else remembers the child's last version.
            if (lastVersion > _committed.ChildVersionFloor)
            {
                await Persist(Committed with { ChildVersionFloor = lastVersion });
            }

            await Indexed(_index.Remove(_key, [child]), "index write");
        }
    }

    /// <inheritdoc/>
    public async Task<long> DropAsDescendant()
    {
        using var clientWrite = await _gate.EnterClientWriteAsync();
        if (_committed.PendingMove is not null)
        {
            await FinishPendingMove();
        }

        return !HasRecord ? 0 : await DropSelfAndSubtree(requested: false, actor: null);
    }

    /// <inheritdoc/>
    public async Task MoveAsDescendant(EntityKey target)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var clientWrite = await _gate.EnterClientWriteAsync();
        if (_committed.PendingMove is not null)
        {
            await FinishPendingMove();
        }

        if (Committed.Record is not { } record)
        {
            return;
        }

        await Move(target, record with { Key = target, Version = record.Version + 1 }, unregisterFromParent: false);
    }

    /// <inheritdoc/>
    public async Task<EntityRecord> Adopt(EntityRecord moved, EntityKey source)
    {
        ArgumentNullException.ThrowIfNull(moved);
        ArgumentNullException.ThrowIfNull(source);
        using var clientWrite = await _gate.EnterClientWriteAsync();
        if (Committed.Record is { } existing)
        {
            if (_committed.MovedFrom == new MoveOrigin(source, moved.Version))
            {
                return existing;
            }

            throw new EntityAlreadyExistsException(_key.Identifier.ToString(), _key.Kind);
        }

        var grant = await Parent.RegisterChild(_key);
        var record = moved with { Key = _key, Version = Math.Max(moved.Version, grant.VersionFloor + 1) };
        await Commit(state => state with
        {
            Record = record,
            AllowedChildKind = grant.AllowedChildKind,
            MovedFrom = new MoveOrigin(source, moved.Version),
        });
        return record;
    }

    /// <summary>
    /// Moves this entity to <paramref name="target"/>: records the intent, has the target adopt the
    /// record, moves the subtree, then clears this key. Safe to resume after a crash at any step.
    /// </summary>
    private async Task<EntityRecord> Move(EntityKey target, EntityRecord moved, bool unregisterFromParent)
    {
        using (_gate.CloseToNewChildren())
        {
            var intent = new PendingMove(target, moved, unregisterFromParent);
            await Commit(state => state with { PendingMove = intent });
            try
            {
                return await CompleteMove(intent);
            }
            catch (EntityAlreadyExistsException)
            {
                // Nothing moved: the target is someone else's. Withdraw the intent.
                await Commit(state => state with { PendingMove = null });
                throw;
            }
        }
    }

    private async Task FinishPendingMove()
    {
        if (_committed.PendingMove is not { } intent)
        {
            return;
        }

        using (_gate.CloseToNewChildren())
        {
            try
            {
                await CompleteMove(intent);
            }
            catch (EntityAlreadyExistsException)
            {
                await Commit(state => state with { PendingMove = null });
            }
        }
    }

    private async Task<EntityRecord> CompleteMove(PendingMove intent)
    {
        var adopted = await TreeGrain(intent.Target).Adopt(intent.Moved, _key);
        await DrainChildren(async child =>
        {
            await TreeGrain(child).MoveAsDescendant(EntityKey.Of(child.Kind, child.Identifier.Rebase(_key.Identifier, intent.Target.Identifier)));
            return 0L;
        });
        await ClearIndex();
        await Commit(_ => EntityState.Empty);
        if (intent.UnregisterFromParent)
        {
            // Only the entity the rename was asked of announces it: its event covers the subtree.
            await Parent.UnregisterChild(_key, adopted.Version);
            await AppendToChangeLog(ChangeKind.Renamed, _key, adopted.Version, adopted.Audit.LastModifier, adopted.Key);
        }

        return adopted;
    }

    private EntityKind? ChildKindFor(EntityKey child) =>
        child.Kind == EntityKind.Schema && Committed.Record?.Payload is CatalogPayload catalog
            ? catalog.SchemaObjectKind
            : null;

    private async Task<EntityNotFoundException> ChildParentMissing(EntityKey child)
    {
        var own = await NotFound();
        return new EntityNotFoundException(child.Identifier.ToString(), child.Kind, own.MissingKind, own.MissingIdentifier);
    }
}
