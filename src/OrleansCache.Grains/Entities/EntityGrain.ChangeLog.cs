using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using OrleansCache.Entities;
using OrleansCache.Events;
using OrleansCache.Grains.Diagnostics;
using OrleansCache.Grains.Events;
using OrleansCache.Naming;

namespace OrleansCache.Grains.Entities;

/// <summary>
/// Change-log appends: how a durable change reaches its metalake's change log, which numbers it
/// and publishes it on the metalake's stream (invariant 7 in <see cref="EntityGrain"/>'s remarks).
/// </summary>
internal sealed partial class EntityGrain
{
    /// <summary>
    /// Appends a change to its metalake's change log (and, for a metalake rename, to the new
    /// metalake's log too). See <see cref="AppendToChangeLog(ImmutableArray{EntityChanged})"/>.
    /// </summary>
    private Task AppendToChangeLog(ChangeKind change, EntityKey key, long version, string? actor, EntityKey? newKey = null) =>
        AppendToChangeLog([Changed(change, key, version, actor, newKey)]);

    /// <summary>
    /// Appends changes of this entity to the change logs, in one message per log. Called only after
    /// the changes are durable. Appends leave in the order this method is called (the change-log
    /// lane of <see cref="_gate"/>, entered before the first await), one after the other; the
    /// returned task completes when these are appended, and callers that need no more than
    /// durability (an alter) do not wait for it. A failed append does not fail the write, which
    /// storage already acknowledged: it is counted and logged, the state keeps
    /// <see cref="EntityState.MayBeUnannounced"/> set, and the next activation announces it again
    /// unless the change log vouches for it (<see cref="ChangeLogVouchesFor"/>).
    /// </summary>
    private async Task AppendToChangeLog(ImmutableArray<EntityChanged> changes)
    {
        using (await _gate.EnterChangeLogAppendAsync())
        {
            try
            {
                await AppendToChangeLogs(changes);
            }
#pragma warning disable CA1031 // Nothing awaits a failed append to handle it: it is counted, logged and re-announced later.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Log.AppendFailed(_logger, exception, changes[0].Change, _key.ToGrainKey(), changes[^1].Version);
            }
        }
    }

    /// <summary>How far apart the clocks of two silos may be when a change log vouches for a change by its epoch's start.</summary>
    internal static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Whether the metalake's change log vouches that <paramref name="record"/>'s change reached or
    /// will reach every receiver, so this activation need not announce it again. The mark
    /// <see cref="EntityState.MayBeUnannounced"/> stays in storage (clearing it would cost a write
    /// on every change); the log is asked instead, once per activation that finds it set. The
    /// change was durable at most a storage timeout after its audit time; a second more covers the
    /// clocks of two silos.
    /// </summary>
    private async Task<bool> ChangeLogVouchesFor(EntityRecord record)
    {
        var durableBy = record.Audit.LastModifiedAt + _options.StorageTimeout + ClockSkewAllowance;
        try
        {
            return await GrainFactory.GetGrain<IChangeLogWriter>(_key.Identifier.Levels[0]).Vouches(_key, record.Version, durableBy);
        }
#pragma warning disable CA1031 // A log that cannot answer vouches for nothing: announce again, as before.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    private EntityChanged Changed(ChangeKind change, EntityKey key, long version, string? actor, EntityKey? newKey = null) => new()
    {
        Key = key,
        Change = change,
        Version = version,
        NewKey = newKey,
        Actor = actor,
        At = _clock.GetUtcNow(),
    };

    /// <summary>
    /// Appends <paramref name="changes"/> (all of one key) to the change log of their metalake
    /// and, for those that move the entity to another metalake, to that one's too; counts the
    /// appends or their failure and throws the failure.
    /// </summary>
    private async Task AppendToChangeLogs(ImmutableArray<EntityChanged> changes)
    {
        try
        {
            var metalake = changes[0].Key.Identifier.Levels[0];
            await GrainFactory.GetGrain<IChangeLogWriter>(metalake).AppendAll(changes);
            foreach (var moved in changes.Where(c => c.NewKey is { } newKey && newKey.Identifier.Levels[0] != metalake).GroupBy(c => c.NewKey!.Identifier.Levels[0], StringComparer.Ordinal))
            {
                await GrainFactory.GetGrain<IChangeLogWriter>(moved.Key).AppendAll([.. moved]);
            }
        }
        catch
        {
            SiloMetrics.EventAppendFailed(changes.Length);
            throw;
        }

        foreach (var changed in changes)
        {
            SiloMetrics.EventAppended(changed.Change);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(2, LogLevel.Warning, "Appending {Change} of {Key} up to version {Version} to its change log failed; the entity announces its state again on its next activation.")]
        public static partial void AppendFailed(ILogger logger, Exception exception, ChangeKind change, string key, long version);
    }
}
