using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
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
    /// <see cref="EntityState.MayBeUnannounced"/> set and the next activation announces it again.
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
