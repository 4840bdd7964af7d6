using System.Collections.Immutable;
using OrleansCache.Changes;
using OrleansCache.Entities;
using OrleansCache.Errors;
using OrleansCache.Events;
using OrleansCache.Naming;

namespace OrleansCache.Grains.Entities;

public sealed partial class EntityGrain
{
    /// <inheritdoc/>
    public async Task<EntityRecord> Create(EntityPayload payload, WriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RefuseInOriginMode("create");
        RefuseOnRoot("create");
        CheckPayload(payload);
        if (_committed.Record is not null)
        {
            throw new EntityAlreadyExistsException(_key.Identifier.ToString(), _key.Kind);
        }

        var grant = await Parent.RegisterChild(_key);
        var record = new EntityRecord
        {
            Key = _key,
            Payload = payload,
            Audit = NewAudit(options),
            Version = grant.VersionFloor + 1,
        };
        try
        {
            await Commit(state => state with { Record = record, AllowedChildKind = grant.AllowedChildKind, MovedFrom = null, MayBeUnannounced = true });
        }
        catch
        {
            // The parent must not list a child that was never stored.
            await Parent.UnregisterChild(_key, 0);
            throw;
        }

        await AppendToChangeLog(ChangeKind.Created, _key, record.Version, options.EffectiveActor);
        return record;
    }

    /// <inheritdoc/>
    public async Task<EntityRecord> Alter(ImmutableArray<EntityChange> changes, WriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RefuseInOriginMode("alter");
        RefuseOnRoot("alter");
        var record = _committed.Record ?? throw await NotFound();
        var identifier = _key.Identifier.ToString();
        if (changes.IsDefaultOrEmpty)
        {
            throw new InvalidEntityException(identifier, "an alter needs at least one change");
        }

        CheckExpectedVersion(record, options);
        var payload = record.Payload;
        RenameEntity? rename = null;
        foreach (var change in changes)
        {
            switch (change)
            {
                case null:
                    throw new InvalidEntityException(identifier, "a change must not be null");
                case RenameEntity when rename is not null:
                    throw new InvalidEntityException(identifier, "an alter may rename only once");
                case RenameEntity r:
                    rename = r;
                    break;
                default:
                    payload = change.Apply(payload, identifier);
                    break;
            }
        }

        CheckPayload(payload);
        var altered = record with
        {
            Payload = payload,
            Audit = record.Audit.Modified(options.EffectiveActor, _clock.GetUtcNow()),
            Version = record.Version + 1,
        };

        if (rename is null || rename.NewName == _key.Identifier.Name)
        {
            await Commit(state => state with { Record = altered, MovedFrom = null, MayBeUnannounced = true });

            // Acknowledged once durable; the event follows in order (other clients' staleness is
            // measured from here and stays within the bound either way).
            _ = AppendToChangeLog(ChangeKind.Altered, _key, altered.Version, options.EffectiveActor);
            return altered;
        }

        if (!EntityHierarchy.IsRenamable(_key.Kind))
        {
            throw new InvalidEntityException(identifier, $"a {EntityKindTokens.ToToken(_key.Kind)} cannot be renamed");
        }

        var target = _key.WithName(rename.NewName);
        return await Move(target, altered with { Key = target }, unregisterFromParent: true);
    }

    /// <inheritdoc/>
    public async Task<bool> Drop(bool cascade, WriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RefuseInOriginMode("drop");
        RefuseOnRoot("drop");
        if (_committed.Record is { } record && _committed.PendingDrop is null)
        {
            CheckExpectedVersion(record, options);
        }

        return await DropRequested(cascade, options.EffectiveActor);
    }

    private void RefuseOnRoot(string operation)
    {
        if (IsRoot)
        {
            throw new InvalidEntityException(string.Empty, $"the root cannot {operation}");
        }
    }
}
