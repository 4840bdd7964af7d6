using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansCache.Changes;
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
/// <para>The write protocol. Its invariants, and where each is enforced:</para>
/// <list type="number">
/// <item><b>Acknowledged means durable.</b> A write returns only after grain storage acknowledged
/// the state it wrote (<c>Persist</c>, EntityGrain.Storage.cs); a failed or timed-out write throws
/// <see cref="StorageUnavailableException"/>.</item>
/// <item><b>Reads see only durable state.</b> Reads (which interleave with everything, see
/// <see cref="IEntityGrain"/>) serve the state <c>Hold</c> holds, called only in <c>Persist</c> after
/// storage acknowledged, so a read never returns something a failed write could take back.</item>
/// <item><b>One storage write at a time, in arrival order, each built on the last durable
/// state.</b> Every write enters the storage lane of <see cref="_gate"/> (<see cref="WriteGate"/>)
/// and computes its state from <see cref="Committed"/> inside it (<c>Commit</c>,
/// EntityGrain.Storage.cs; the index calls in EntityGrain.Tree.cs and
/// EntityGrain.OriginIndex.cs).</item>
/// <item><b>A write that outlives its bound cannot corrupt the next.</b> Each write carries its own
/// envelope with the last acknowledged ETag; a late landing makes the next write fail the ETag
/// guard and the activation reload (<c>Persist</c>).</item>
/// <item><b>Client writes run one at a time, in arrival order.</b> Create, drop, a renaming alter and
/// the tree operations that replace or remove the record (drop and move as a descendant, adopt)
/// each hold the client-write lane of <see cref="_gate"/> for their whole run, so a check (exists,
/// expected version) holds until the write it guards (EntityGrain.Writes.cs, EntityGrain.Tree.cs).
/// Alters without a rename interleave (<see cref="MayInterleave"/>) only to gather into a group
/// that holds the lane as one write: each alter of the group is checked and applied on the record
/// the one before it produced (EntityGrain.Alters.cs).</item>
/// <item><b>A child is either in the child index when a drop or move reads it, or refused.</b>
/// <c>RegisterChild</c> is <c>[AlwaysInterleave]</c> (<see cref="IEntityTreeGrain"/>, so a child
/// calling up while its container calls down cannot deadlock), checks
/// <see cref="WriteGate.IsClosedToNewChildren"/> and <see cref="EntityState.PendingDrop"/> and adds
/// to the index inside the storage lane; a drop or move closes the entity first and stores its
/// intent inside the storage lane before it reads the index (EntityGrain.Tree.cs,
/// EntityGrain.Cascade.cs).</item>
/// <item><b>The child index is a superset of the stored children.</b> A child is added before it
/// stores its state and removed after its state is gone (docs/adr/0010-container-child-index.md).</item>
/// <item><b>Events follow durability, in storage order, and are never lost.</b> A change is
/// appended to its metalake change log only after it is durable, through the change-log lane of
/// <see cref="_gate"/>, so appends leave in the order the changes were stored; the stored state
/// keeps <see cref="EntityState.MayBeUnannounced"/>, and the next activation announces the current
/// version again in case the append was lost, unless the change log vouches that receivers were or
/// will be told (EntityGrain.ChangeLog.cs, <see cref="OnActivateAsync"/>): a re-activation after a
/// restart or a silo loss publishes no event for a change nobody made.
/// The change log then publishes on the metalake's stream (<see cref="ChangeLogGrain"/>).</item>
/// <item><b>Versions only grow per identifier, across drop and re-create.</b> A container's
/// <see cref="EntityState.ChildVersionFloor"/> is raised by every unregistration and handed to new
/// children in their <see cref="ParentGrant"/> (EntityGrain.Tree.cs).</item>
/// </list>
/// <para>"Turn" in this grain means only an Orleans turn; the slots of the protocol are the
/// sections and closures of <see cref="WriteGate"/>.</para>
/// </remarks>
[GrainType("entity")] // pinned: part of every stored key and grain id; never change it
internal sealed partial class EntityGrain : Grain, IEntityGrain, IEntityTreeGrain
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

    // The write protocol: storage writes and change-log appends in order, closing to new children.
    private readonly WriteGate _gate = new();

    private EntityKey _key = EntityKey.Root;

    // The last durable state, held compactly between calls (docs/adr/0013-compact-held-record.md):
    // everything but the record as objects, the record as the bytes of its serialized form (about a
    // third of its size as objects) and its version. Assigned together, only by Hold.
    private EntityState _committed = EntityState.Empty;
    private byte[]? _committedRecord;
    private long _committedVersion;

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
        Hold(_stored.RecordExists && _stored.State is { } stored ? stored : EntityState.Empty);
        _stored.State = EntityState.Empty;
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

        if (_committed.MayBeUnannounced && Committed.Record is { } record && !await ChangeLogVouchesFor(record))
        {
            // The last activation died between storing a change and announcing it.
            await AppendToChangeLog(ChangeKind.Altered, _key, record.Version, record.Audit.LastModifier);
        }

        ResumePendingDrop();
    }

    /// <inheritdoc/>
    public Task<EntityRecord> Load()
    {
        _usage.RecordRead(this.GetGrainId());
        if (_committedRecord is { } record)
        {
            return Task.FromResult(ReadRecord(record));
        }

        return _origin is null ? ThrowNotFound<EntityRecord>() : LoadThrough();
    }

    /// <inheritdoc/>
    public Task<RecordBytes> LoadBytes()
    {
        _usage.RecordRead(this.GetGrainId());
        if (_committedRecord is { } record)
        {
            return Task.FromResult(new RecordBytes(record));
        }

        return _origin is null ? ThrowNotFound<RecordBytes>() : LoadBytesThrough();
    }

    /// <inheritdoc/>
    public Task<EntityRecord?> Find()
    {
        _usage.RecordRead(this.GetGrainId());
        return _origin is null || HasRecord || IsRoot ? Task.FromResult(_committedRecord is { } record ? ReadRecord(record) : null) : FillThrough();
    }

    /// <inheritdoc/>
    public Task<bool> Exists() =>
        IsRoot || HasRecord || _origin is null
            ? Task.FromResult(IsRoot || HasRecord)
            : ExistsThrough();

    /// <summary>True when the last durable state holds a record (the entity exists here).</summary>
    private bool HasRecord => _committedRecord is not null;

    /// <summary>The version of the held record, 0 when there is none.</summary>
    private long CommittedVersion => _committedVersion;

    /// <summary>
    /// The last durable state with its record as objects, deserialized from the held bytes on each
    /// access: for writes and tree operations, which build the next state on it. Reads use
    /// <see cref="HasRecord"/> or the bytes.
    /// </summary>
    private EntityState Committed => _committedRecord is { } record ? _committed with { Record = ReadRecord(record) } : _committed;

    /// <summary>
    /// Makes <paramref name="state"/> the last durable state, holding its record as serialized bytes.
    /// The record's bytes are those grain storage would write for it, so reading them back gives a
    /// record equal to it field by field.
    /// </summary>
    private void Hold(EntityState state)
    {
        _committedRecord = state.Record is { } record ? _serializer.SerializeToArray(record) : null;
        _committedVersion = state.Record?.Version ?? 0;
        _committed = state.Record is null ? state : state with { Record = null };
    }

    /// <summary>
    /// The held record as objects. It is transient (sent on the wire, or the base of the next state,
    /// which <see cref="Hold"/> serializes again), so it is not re-keyed to share this grain's key
    /// object: that copy cost every read a second record allocation for nothing.
    /// </summary>
    private EntityRecord ReadRecord(byte[] record) =>
        _serializer.Deserialize<EntityRecord>(record) ?? throw new InvalidOperationException("A held record deserialized to null.");

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
        Committed.Record ?? throw new InvalidOperationException("Callers check existence first.");

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

    private AuditInfo NewAudit(WriteOptions options) => AuditInfo.Created(options.EffectiveActor, _clock.GetUtcNow());
}
