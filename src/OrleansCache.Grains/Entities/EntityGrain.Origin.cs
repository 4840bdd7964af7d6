using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OrleansCache.Entities;
using OrleansCache.Errors;
using OrleansCache.Events;
using OrleansCache.Grains.Diagnostics;
using OrleansCache.Grains.Origins;
using OrleansCache.Naming;
using OrleansCache.Origins;

namespace OrleansCache.Grains.Entities;

/// <summary>
/// Origin mode: the entity is a cached copy of the origin's. A miss reads through (and stores the
/// result in grain storage, the durable L2); origin changes reach the grain through its container
/// (<see cref="IOriginEntityGrain"/>); client writes are refused.
/// </summary>
/// <remarks>
/// Versions are origin positions: a fill takes the position its read started at, a change the
/// position it committed at, and neither goes below what this activation handed out before, so
/// versions only grow. A fill stores nothing when an origin change reached the entity (or a sibling,
/// through the container's registration fence) after its read began.
/// </remarks>
internal sealed partial class EntityGrain : IOriginEntityGrain
{
    private const int FillAttempts = 5;

    private OriginTrack Track => _origin ?? throw new InvalidOperationException("Not in origin mode.");

    private ICatalogOrigin Origin => _originStore ?? throw new InvalidOperationException("Not in origin mode.");

    private IOriginEntityGrain OriginGrain(EntityKey key) => GrainFactory.GetGrain<IOriginEntityGrain>(key.ToGrainKey());

    private void RefuseInOriginMode(string operation)
    {
        if (_originStore is { } origin)
        {
            throw new ReadOnlyCacheException(_key.Identifier.ToString(), operation, origin.Name);
        }
    }

    private async Task<EntityRecord> LoadThrough() => await FillThrough() ?? throw await NotFound();

    // Rare (a miss of the origin): the filled record is serialized here rather than read back from
    // what the fill held, which a change arriving during the read may have voided.
    private async Task<RecordBytes> LoadBytesThrough() => new(_serializer.SerializeToArray(await LoadThrough()));

    private async Task<bool> ExistsThrough() => await FillThrough() is not null;

    /// <summary>Reads the entity through from the origin; concurrent misses share one read.</summary>
    private Task<EntityRecord?> FillThrough()
    {
        var track = Track;
        if (track.Fill is { } running)
        {
            return running;
        }

        var fill = Fill(track);
        if (!fill.IsCompleted)
        {
            track.Fill = fill;
            _ = fill.ContinueWith(
                done =>
                {
                    if (track.Fill == done)
                    {
                        track.Fill = null;
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.None,
                TaskScheduler.Current);
        }

        return fill;
    }

    private async Task<EntityRecord?> Fill(OriginTrack track)
    {
        OriginEntity? read = null;
        for (var attempt = 0; attempt < FillAttempts; attempt++)
        {
            if (Committed.Record is { } held)
            {
                return held;
            }

            var generation = track.Generation;
            var stage = Stopwatch.GetTimestamp();
            read = await ReadOrigin(() => Origin.LoadAsync(_key, CancellationToken.None));
            OriginMetrics.Read();
            stage = OriginMetrics.FillStage("read", stage);
            if (read is null)
            {
                return null;
            }

            if (generation != track.Generation)
            {
                continue;
            }

            // The container is held too (read through if need be), so a change to it (a rename,
            // a cascade) finds this entity through its index. Exists interleaves: asking upward
            // from a read never waits behind a container's change that is waiting on this grain.
            if (_key.Parent.Kind != EntityKind.Root && !await GrainFactory.GetEntityGrain(_key.Parent).Exists())
            {
                return null;
            }

            stage = OriginMetrics.FillStage("parent", stage);
            var registered = await OriginGrain(_key.Parent).RegisterOriginChild(OriginRefs.Child(_key.Kind, read.OriginId), _key, read.Position);
            stage = OriginMetrics.FillStage("registered", stage);
            if (!registered || generation != track.Generation)
            {
                continue;
            }

            var record = read.Record with { Key = _key, Version = Math.Max(read.Position, track.Floor) };
            var stored = false;
            await Commit(state =>
            {
                if (generation != track.Generation || state.Record is not null)
                {
                    return state;
                }

                stored = true;
                return state with { Record = record };
            });
            OriginMetrics.FillStage("stored", stage);
            if (stored)
            {
                track.Floor = Math.Max(track.Floor, record.Version);
            }
            else if (!HasRecord)
            {
                // A change reached the entity after the read: what was read may be older than it.
                continue;
            }

            return Committed.Record ?? record;
        }

        // Changes kept arriving while reading: answer with the last read, but keep nothing of it.
        Log.FillGaveUp(_logger, _key.ToGrainKey(), FillAttempts);
        return read is null ? null : read.Record with { Key = _key, Version = Math.Max(read.Position, track.Floor) };
    }

    private async Task<ImmutableArray<EntityKey>> ListThrough(EntityKind kind)
    {
        var children = await ReadOrigin(() => Origin.ListChildrenAsync(_key, kind, CancellationToken.None));
        OriginMetrics.Read();
        return children ?? throw await NotFound();
    }

    private async Task<T> ReadOrigin<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception exception) when (exception is not OrleansCacheException)
        {
            OriginMetrics.ReadFailed();
            Log.OriginReadFailed(_logger, exception, _key.ToGrainKey(), Origin.Name);
            throw new OriginUnavailableException(_key.Identifier.ToString(), Origin.Name, exception.Message);
        }
    }

    /// <inheritdoc/>
    public async Task Invalidate(long position, bool subtree, ChangeKind? announce, EntityKey? newKey)
    {
        var track = Track;
        track.Generation++;
        var version = Math.Max(position, Math.Max(track.Floor, CommittedVersion) + 1);
        track.Floor = version;
        var hadChildren = subtree && await ForEachOriginChild(child => OriginGrain(child).Invalidate(position, subtree: true, announce: null, newKey: null));
        if (HasRecord)
        {
            await Commit(state => state with { Record = null });
        }

        if (hadChildren)
        {
            await InStorageLane(() => Indexed(_index.Clear(_key), "index write"));
        }

        if (announce is { } kind && !IsRoot)
        {
            await Announce(kind, version, newKey);
        }
    }

    /// <inheritdoc/>
    public async Task ForgetAll(long position)
    {
        var track = Track;
        track.LastChildChange = Math.Max(track.LastChildChange, position);
        await ForEachOriginChild(child => OriginGrain(child).ForgetAll(position));
        await Invalidate(position, subtree: true, IsRoot || !HasRecord ? null : ChangeKind.Altered, newKey: null);
    }

    /// <summary>
    /// Runs <paramref name="action"/> on every child held by origin id, a batch at a time (bounded
    /// memory at any container size); true when there was any.
    /// </summary>
    private async Task<bool> ForEachOriginChild(Func<EntityKey, Task> action)
    {
        var any = false;
        long cursor = 0;
        do
        {
            var (batch, next) = await Indexed(_index.ScanOrigin(_key, cursor, _options.CascadeParallelism), "index read");
            any |= batch.Count > 0;
            await Task.WhenAll(batch.Select(action));
            cursor = next;
        }
        while (cursor != 0);
        return any;
    }

    /// <summary>
    /// Appends an origin change to the change log(s) and waits for it: the feed confirms its position
    /// only after this returns, so a failure here replays the change instead of losing its event.
    /// </summary>
    private async Task Announce(ChangeKind change, long version, EntityKey? newKey)
    {
        await AppendToChangeLogs([Changed(change, _key, version, actor: null, newKey)]);
    }

    private static partial class Log
    {
        [LoggerMessage(10, LogLevel.Warning, "Reading {Key} from origin {Origin} failed.")]
        public static partial void OriginReadFailed(ILogger logger, Exception exception, string key, string origin);

        [LoggerMessage(11, LogLevel.Warning, "An origin change under {Container} names a child '{Name}' that breaks the naming rules; it is not cached under that name.")]
        public static partial void UnnamableChange(ILogger logger, Exception exception, string container, string name);

        [LoggerMessage(12, LogLevel.Information, "Origin changes kept reaching {Key} during {Attempts} reads; the last read was served without being kept.")]
        public static partial void FillGaveUp(ILogger logger, string key, int attempts);
    }
}
