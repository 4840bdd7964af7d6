using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using OrleansCache.Errors;
using OrleansCache.Grains.Diagnostics;

namespace OrleansCache.Grains.Entities;

/// <summary>
/// Storage writes: how a state becomes durable and committed (invariants 1-4 in
/// <see cref="EntityGrain"/>'s remarks).
/// </summary>
internal sealed partial class EntityGrain
{
    /// <summary>
    /// Writes the state <paramref name="change"/> makes of the committed one, inside the storage
    /// lane (after every storage write that arrived before it).
    /// </summary>
    private async Task Commit(Func<EntityState, EntityState> change)
    {
        var waiting = Stopwatch.GetTimestamp();
        using (await _gate.EnterStorageWriteAsync())
        {
            SiloMetrics.WriteStage("lane_wait", waiting);
            await Persist(change(Committed));
        }
    }

    /// <summary>
    /// Writes <paramref name="next"/> to grain storage and, once acknowledged, commits it (reads
    /// serve it from then on). The caller holds the storage lane of <see cref="_gate"/>.
    /// </summary>
    private async Task Persist(EntityState next)
    {
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
            Hold(next);
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

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Grain storage write for {Key} failed; the grain will reload its state.")]
        public static partial void StorageWriteFailed(ILogger logger, Exception exception, string key);
    }
}
