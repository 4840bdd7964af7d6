using System.Collections.Immutable;
using System.Diagnostics;
using Orleans.Concurrency;
using Orleans.Serialization.Invocation;
using OrleansCache.Changes;
using OrleansCache.Entities;
using OrleansCache.Errors;
using OrleansCache.Events;
using OrleansCache.Grains.Diagnostics;
using OrleansCache.Naming;

namespace OrleansCache.Grains.Entities;

/// <summary>
/// Alters, with group commit: alters that arrive while an earlier write of the entity is in flight
/// are applied together, in arrival order, each on the one before, in one storage write, and each is
/// acknowledged (with its own version) once that write is durable. An alter that renames runs alone.
/// </summary>
[MayInterleave(nameof(MayInterleave))]
internal sealed partial class EntityGrain
{
    // The alters waiting for the next group commit, in arrival order; null while none waits.
    private List<PendingAlter>? _pendingAlters;

    /// <summary>
    /// Orleans' interleaving predicate: an alter that does not rename may run while other requests
    /// of this grain are in flight, so that alters can gather into one storage write. The client
    /// write lane of <see cref="WriteGate"/> keeps it ordered with the other client writes.
    /// </summary>
    /// <param name="request">The incoming request.</param>
    /// <returns>True for an alter without a rename.</returns>
    public static bool MayInterleave(IInvokable request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.GetInterfaceType() == typeof(IEntityGrain)
            && request.GetMethodName() == nameof(IEntityGrain.Alter)
            && request.GetArgumentCount() > 0
            && request.GetArgument(0) is ImmutableArray<EntityChange> { IsDefault: false } changes
            && !changes.Any(change => change is RenameEntity);
    }

    /// <inheritdoc/>
    public async Task<EntityRecord> Alter(ImmutableArray<EntityChange> changes, WriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var arrived = Stopwatch.GetTimestamp();
        RefuseInOriginMode("alter");
        RefuseOnRoot("alter");
        var renames = !changes.IsDefault && changes.Any(change => change is RenameEntity);
        var altered = renames ? await AlterAndRename(changes, options) : await AlterInGroup(changes, options);
        SiloMetrics.WriteStage("alter", arrived);
        return altered;
    }

    /// <summary>Queues an alter for the next group commit; the first alter of a group starts it.</summary>
    private Task<EntityRecord> AlterInGroup(ImmutableArray<EntityChange> changes, WriteOptions options)
    {
        var pending = new PendingAlter(changes, options);
        if (_pendingAlters is { } group)
        {
            group.Add(pending);
        }
        else
        {
            _pendingAlters = [pending];
            _ = CommitAlterGroup();
        }

        return pending.Acknowledged.Task;
    }

    private async Task CommitAlterGroup()
    {
        // The group's place among client writes is taken now, when its first alter arrives; alters
        // arriving until the group gets the lane join it.
        using (await _gate.EnterClientWriteAsync())
        {
            var group = _pendingAlters ?? [];
            _pendingAlters = null;
            try
            {
                await CommitAlters(group);
            }
#pragma warning disable CA1031 // Every failure is handed to the alters of the group, which rethrow it to their callers.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                foreach (var alter in group)
                {
                    alter.Acknowledged.TrySetException(exception);
                }
            }
        }
    }

    /// <summary>
    /// Applies the alters of a group in order, each on the record the one before produced (an alter
    /// whose change or expected version does not fit fails alone), writes the last record once, and
    /// acknowledges each alter with its own record once that write is durable.
    /// </summary>
    private async Task CommitAlters(List<PendingAlter> group)
    {
        var prepared = Stopwatch.GetTimestamp();
        var record = Committed.Record;
        var applied = new List<(PendingAlter Alter, EntityRecord Record)>(group.Count);
        foreach (var alter in group)
        {
            try
            {
                var altered = Altered(record ?? throw await NotFound(), alter.Changes, alter.Options, out _);
                applied.Add((alter, altered));
                record = altered;
            }
#pragma warning disable CA1031 // The alter's own error goes to its caller; the rest of the group goes on.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                alter.Acknowledged.TrySetException(exception);
            }
        }

        SiloMetrics.WriteStage("prepare", prepared);
        if (applied.Count == 0)
        {
            return;
        }

        var last = applied[^1].Record;
        await Commit(state => state with { Record = last, MovedFrom = null, MayBeUnannounced = true });
        // Acknowledged once durable; the events follow in order, one each, in one message (other
        // clients' staleness is measured from here and stays within the bound either way).
        _ = AppendToChangeLog([.. applied.Select(a => Changed(ChangeKind.Altered, _key, a.Record.Version, a.Record.Audit.LastModifier))]);
        foreach (var (alter, altered) in applied)
        {
            alter.Acknowledged.TrySetResult(altered);
        }
    }

    /// <summary>An alter that renames: applied and written alone, then moved.</summary>
    private async Task<EntityRecord> AlterAndRename(ImmutableArray<EntityChange> changes, WriteOptions options)
    {
        using var clientWrite = await _gate.EnterClientWriteAsync();
        var record = Committed.Record ?? throw await NotFound();
        var altered = Altered(record, changes, options, out var rename);
        if (rename is null || rename.NewName == _key.Identifier.Name)
        {
            await Commit(state => state with { Record = altered, MovedFrom = null, MayBeUnannounced = true });
            _ = AppendToChangeLog(ChangeKind.Altered, _key, altered.Version, options.EffectiveActor);
            return altered;
        }

        if (!EntityHierarchy.IsRenamable(_key.Kind))
        {
            throw new InvalidEntityException(_key.Identifier.ToString(), $"a {EntityKindTokens.ToToken(_key.Kind)} cannot be renamed");
        }

        var target = _key.WithName(rename.NewName);
        return await Move(target, altered with { Key = target }, unregisterFromParent: true);
    }

    /// <summary>
    /// <paramref name="record"/> with <paramref name="changes"/> applied and its version raised by
    /// one; the rename among the changes, if any, in <paramref name="rename"/> (not applied).
    /// </summary>
    /// <exception cref="InvalidEntityException">No change, a null change, two renames, or a change that does not fit.</exception>
    /// <exception cref="ConcurrentUpdateException">The expected version is not the record's.</exception>
    private EntityRecord Altered(EntityRecord record, ImmutableArray<EntityChange> changes, WriteOptions options, out RenameEntity? rename)
    {
        var identifier = _key.Identifier.ToString();
        if (changes.IsDefaultOrEmpty)
        {
            throw new InvalidEntityException(identifier, "an alter needs at least one change");
        }

        CheckExpectedVersion(record, options);
        var payload = record.Payload;
        rename = null;
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
        return record with
        {
            Payload = payload,
            Audit = record.Audit.Modified(options.EffectiveActor, _clock.GetUtcNow()),
            Version = record.Version + 1,
        };
    }

    /// <summary>An alter waiting for its group commit.</summary>
    private sealed class PendingAlter(ImmutableArray<EntityChange> changes, WriteOptions options)
    {
        public ImmutableArray<EntityChange> Changes { get; } = changes;

        public WriteOptions Options { get; } = options;

        public TaskCompletionSource<EntityRecord> Acknowledged { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
