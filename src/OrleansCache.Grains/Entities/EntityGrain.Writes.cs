using OrleansCache.Changes;
using OrleansCache.Entities;
using OrleansCache.Errors;
using OrleansCache.Events;
using OrleansCache.Naming;

namespace OrleansCache.Grains.Entities;

internal sealed partial class EntityGrain
{
    /// <inheritdoc/>
    public async Task<EntityRecord> Create(EntityPayload payload, WriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RefuseInOriginMode("create");
        RefuseOnRoot("create");
        CheckPayload(payload);
        using var clientWrite = await _gate.EnterClientWriteAsync();
        if (HasRecord)
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
    public async Task<bool> Drop(bool cascade, WriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RefuseInOriginMode("drop");
        RefuseOnRoot("drop");
        using var clientWrite = await _gate.EnterClientWriteAsync();
        if (Committed.Record is { } record && _committed.PendingDrop is null)
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
