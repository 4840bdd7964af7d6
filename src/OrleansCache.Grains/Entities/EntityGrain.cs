using System.Diagnostics;
using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansCache.Entities;
using OrleansCache.Errors;
using OrleansCache.Events;
using OrleansCache.Grains.Children;
using OrleansCache.Grains.Events;
using OrleansCache.Grains.Diagnostics;
using OrleansCache.Grains.Providers;
using OrleansCache.Grains.Usage;
using OrleansCache.Naming;
using OrleansCache.Grains.Origins;
using OrleansCache.Origins;

namespace OrleansCache.Grains.Entities;

/// <summary>
/// The grain of one catalog entity. See <see cref="IEntityGrain"/> for the contract and
/// <see cref="IEntityTreeGrain"/> for the protocol between containers and children.
/// </summary>
/// <remarks>
/// Concurrency: client writes (create, alter, drop) are turn-based and so serialized. Index calls
/// from children and all reads interleave with them. Every storage write waits its turn
/// (<see cref="BeginWrite"/>), and reads see only <see cref="_committed"/>, the last state that
/// storage acknowledged, so a read never returns something a failed write could take back.
/// </remarks>
[GrainType("entity")] // pinned: part of every stored key and grain id; never change it
public sealed partial class EntityGrain : Grain, IEntityGrain, IEntityTreeGrain
{
    // The storage key's state name (the grain storage key is built from it and the grain id).
    private const string StateName = "entity";

    // Grain storage is called directly rather than through IPersistentState: the bridge, and the
    // lifecycle and migration participation it registers, cost about 380 B per activation. The
    // envelope carries the state to write and the ETag that guards the next write.
    private readonly IGrainStorage _storage;
    private readonly GrainState<EntityState> _stored = new();
    private readonly Serializer _serializer;
    private readonly TimeProvider _clock;
    private readonly EntityGrainOptions _options;
    private readonly ILogger<EntityGrain> _logger;
    private readonly EntityUsage _usage;
    private readonly IChildIndex _index;

    // Origin mode only (null when standalone): the origin and what this activation tracks of it.
    private readonly ICatalogOrigin? _originStore;
    private readonly OriginTrack? _origin;

    // The change-log append that runs or waits last (see Publish and Turns).
    private TaskCompletionSource? _lastAppend;

    private EntityKey _key = EntityKey.Root;
    private EntityState _committed = EntityState.Empty;

    // Set while a drop or move of this entity runs: from then on no child may register here.
    private bool _closing;

    // The storage write that runs or waits last (see Turns; a SemaphoreSlim gate cost 88 B per entity).
    private TaskCompletionSource? _lastWrite;

    /// <summary>Creates the grain; Orleans supplies the arguments.</summary>
    public EntityGrain(
        [FromKeyedServices(OrleansCacheStorage.Name)] IGrainStorage storage,
        Serializer serializer,
        TimeProvider clock,
        IOptions<EntityGrainOptions> options,
        EntityUsage usage,
        IChildIndex index,
        ILogger<EntityGrain> logger,
        ICatalogOrigin? origin = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _storage = storage;
        _serializer = serializer;
        _clock = clock;
        _options = options.Value;
        _logger = logger;
        _usage = usage;
        _index = index;
        _originStore = origin;
        _origin = origin is null ? null : new OriginTrack();
    }

    private bool IsRoot => _key.Kind == EntityKind.Root;

    /// <inheritdoc/>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = EntityKey.ParseGrainKey(this.GetPrimaryKeyString()).ShareStrings(StringPool.Shared);
        await StorageCall.Bounded(_storage.ReadStateAsync(StateName, this.GetGrainId(), _stored), _options.StorageTimeout, _key, "read");
        _committed = _stored.RecordExists && _stored.State is { } stored ? ShareStrings(stored) : EntityState.Empty;
        _stored.State = _committed;
        SiloMetrics.EntityLoaded(_stored.RecordExists);
        if (_committed.HoldsLegacyChildren)
        {
            await MigrateLegacyChildren();
        }

        if (_committed.PendingMove is not null)
        {
            // A move was interrupted (silo loss): finish it before serving anything.
            await FinishPendingMove();
        }

        if (_committed is { MayBeUnannounced: true, Record: { } record })
        {
            // The last activation may have died between storing a change and announcing it.
            await Publish(ChangeKind.Altered, _key, record.Version, record.Audit.LastModifier);
            await Commit(state => state with { MayBeUnannounced = false });
        }

        ResumePendingDrop();
    }

    /// <inheritdoc/>
    public Task<EntityRecord> Load()
    {
        _usage.RecordRead(this.GetGrainId());
        if (_committed.Record is { } record)
        {
            return Task.FromResult(record);
        }

        return _origin is null ? ThrowNotFound<EntityRecord>() : LoadThrough();
    }

    /// <inheritdoc/>
    public Task<EntityRecord?> Find()
    {
        _usage.RecordRead(this.GetGrainId());
        return _origin is null || _committed.Record is not null || IsRoot ? Task.FromResult(_committed.Record) : FillThrough();
    }

    /// <inheritdoc/>
    public Task<bool> Exists() =>
        IsRoot || _committed.Record is not null || _origin is null
            ? Task.FromResult(IsRoot || _committed.Record is not null)
            : ExistsThrough();

    /// <summary>
    /// <paramref name="state"/> with the strings that repeat across entities taken from the silo's
    /// <see cref="StringPool"/> (a silo holds thousands of records and child keys naming the same
    /// metalakes, catalogs, schemas, column types and property keys), and its record keyed by this
    /// grain's own key object rather than a copy of it. Equal to <paramref name="state"/>.
    /// </summary>
    private EntityState ShareStrings(EntityState state)
    {
        return state with { Record = ShareStrings(state.Record) };
    }

    private EntityRecord? ShareStrings(EntityRecord? record)
    {
        if (record is null)
        {
            return null;
        }

        if (!ReferenceEquals(record.Key, _key) && record.Key == _key)
        {
            record = record with { Key = _key };
        }

        return record.ShareStrings(StringPool.Shared);
    }

    private IEntityTreeGrain TreeGrain(EntityKey key) => GrainFactory.GetGrain<IEntityTreeGrain>(key.ToGrainKey());

    private IEntityTreeGrain Parent => TreeGrain(_key.Parent);

    /// <summary>
    /// Throws not-found naming the highest missing level: the first ancestor (from the metalake
    /// down) that does not exist, or this entity.
    /// </summary>
    private async Task<T> ThrowNotFound<T>()
    {
        throw await NotFound();
    }

    private async Task<EntityNotFoundException> NotFound()
    {
        var ancestors = new List<EntityKey>();
        for (var key = _key; key.Kind != EntityKind.Root; key = key.Parent)
        {
            ancestors.Add(key);
        }

        ancestors.Reverse();
        var missing = _key;
        foreach (var ancestor in ancestors.Take(ancestors.Count - 1))
        {
            if (!await GrainFactory.GetEntityGrain(ancestor).Exists())
            {
                missing = ancestor;
                break;
            }
        }

        return new EntityNotFoundException(_key.Identifier.ToString(), _key.Kind, missing.Kind, missing.Identifier.ToString());
    }

    private EntityRecord RequireRecord() =>
        _committed.Record ?? throw new InvalidOperationException("Callers check existence first.");

    private static void CheckExpectedVersion(EntityRecord record, WriteOptions options)
    {
        if (options.ExpectedVersion is { } expected && expected != record.Version)
        {
            throw new ConcurrentUpdateException(record.Key.Identifier.ToString(), expected, record.Version);
        }
    }

    private void CheckPayload(EntityPayload payload)
    {
        var identifier = _key.Identifier.ToString();
        if (payload is null)
        {
            throw new InvalidEntityException(identifier, "a payload is required");
        }

        if (payload.Kind != _key.Kind)
        {
            throw new InvalidEntityException(identifier, $"a {EntityKindTokens.ToToken(_key.Kind)} needs a {EntityKindTokens.ToToken(_key.Kind)} payload, not a {EntityKindTokens.ToToken(payload.Kind)} payload");
        }

        payload.Validate(identifier);
        var size = _serializer.SerializeToArray(payload).Length;
        if (size > _options.MaxPayloadBytes)
        {
            throw new PayloadTooLargeException(identifier, size, _options.MaxPayloadBytes);
        }
    }

    /// <summary>Writes the state <paramref name="change"/> makes of the committed one, serialized with every other write.</summary>
    private async Task Commit(Func<EntityState, EntityState> change)
    {
        var turn = await BeginWrite();
        try
        {
            await Persist(change(_committed));
        }
        finally
        {
            EndWrite(turn);
        }
    }

    /// <summary>
    /// Waits until every storage write that began before this one has ended. The caller must pass
    /// the result to <see cref="EndWrite"/> when done, in a <c>finally</c>.
    /// </summary>
    private async Task<TaskCompletionSource> BeginWrite()
    {
        var (previous, turn) = Turns.Take(ref _lastWrite);
        await previous;
        return turn;
    }

    private void EndWrite(TaskCompletionSource turn) => Turns.End(ref _lastWrite, turn);

    private async Task Persist(EntityState next)
    {
        if (!ReferenceEquals(next.Record, _committed.Record))
        {
            next = next with { Record = ShareStrings(next.Record) };
        }

        // Each write gets its own envelope: a write that outlives its bound and lands later must not
        // move this activation's ETag, or the next write would pass the guard with a state built on
        // the one that write replaced (two different records under one version).
        var envelope = new GrainState<EntityState>(next) { ETag = _stored.ETag, RecordExists = _stored.RecordExists };
        var started = Stopwatch.GetTimestamp();
        var write = Task.CompletedTask;
        try
        {
            write = next.IsVacant && !IsRoot
                ? _storage.ClearStateAsync(StateName, this.GetGrainId(), envelope)
                : _storage.WriteStateAsync(StateName, this.GetGrainId(), envelope);
            await StorageCall.Bounded(write, _options.StorageTimeout, _key, "write");
            _stored.ETag = envelope.ETag;
            _stored.RecordExists = envelope.RecordExists;
            _stored.State = next;
            _committed = next;
            SiloMetrics.StorageWritten(started, succeeded: true);
            if (next.IsVacant && !IsRoot)
            {
                // Dropped (or moved away): nothing left to serve, so free the memory now rather than
                // at collection age; a later call activates an empty grain that answers not-found.
                this.DeactivateOnIdle();
            }
        }
        catch (Exception failure)
        {
            // A provider that throws before returning its task is a storage failure too.
            var exception = failure as StorageUnavailableException
                ?? new StorageUnavailableException(_key.Identifier.ToString(), "write", CacheUnavailableException.Describe(failure));
            SiloMetrics.StorageWritten(started, succeeded: false);
            Log.StorageWriteFailed(_logger, exception, _key.ToGrainKey());

            // Storage may or may not hold the write. Reads keep being served from the last state
            // known to be durable; the next write is guarded by the old ETag, so it fails if this one
            // landed after all, and then the activation reloads from storage.
            if ((write.Exception?.InnerException ?? failure) is InconsistentStateException)
            {
                this.DeactivateOnIdle();
            }

            throw exception;
        }
    }

    private AuditInfo NewAudit(WriteOptions options) => AuditInfo.Created(options.EffectiveActor, _clock.GetUtcNow());

    /// <summary>
    /// Appends a change to its metalake's change log (and, for a metalake rename, to the new
    /// metalake's log too), which numbers and publishes it. Called only after the change is durable.
    /// Appends leave in the order this grain stored the changes, one after the other; the returned
    /// task completes when this one is appended, and callers that need no more than durability (an
    /// alter) do not wait for it. A failed append does not fail the write, which storage already
    /// acknowledged: the state keeps <see cref="EntityState.MayBeUnannounced"/> set and the next
    /// activation announces it again.
    /// </summary>
    private Task Publish(ChangeKind change, EntityKey key, long version, string? actor, EntityKey? newKey = null)
    {
        var changed = new EntityChanged
        {
            Key = key,
            Change = change,
            Version = version,
            NewKey = newKey,
            Actor = actor,
            At = _clock.GetUtcNow(),
        };
        var (previous, turn) = Turns.Take(ref _lastAppend);
        return AppendAfter(previous, turn, changed);
    }

    private async Task AppendAfter(Task previous, TaskCompletionSource turn, EntityChanged changed)
    {
        await previous;
        try
        {
            var metalake = changed.Key.Identifier.Levels[0];
            await GrainFactory.GetGrain<IChangeLogWriter>(metalake).Append(changed);
            if (changed.NewKey is { } newKey && newKey.Identifier.Levels[0] != metalake)
            {
                await GrainFactory.GetGrain<IChangeLogWriter>(newKey.Identifier.Levels[0]).Append(changed);
            }

            SiloMetrics.EventPublished(changed.Change);
        }
#pragma warning disable CA1031 // Nothing awaits a failed append to handle it: it is counted, logged and re-announced later.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            SiloMetrics.EventPublishFailed();
            Log.PublishFailed(_logger, exception, changed.Change, changed.Key.ToGrainKey(), changed.Version);
        }
        finally
        {
            Turns.End(ref _lastAppend, turn);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Grain storage write for {Key} failed; the grain will reload its state.")]
        public static partial void StorageWriteFailed(ILogger logger, Exception exception, string key);

        [LoggerMessage(2, LogLevel.Warning, "Appending {Change} of {Key} at version {Version} to its change log failed; the entity announces its state again on its next activation.")]
        public static partial void PublishFailed(ILogger logger, Exception exception, ChangeKind change, string key, long version);
    }
}
