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
public sealed partial class EntityGrain
{
    /// <summary>
    /// Appends a change to its metalake's change log (and, for a metalake rename, to the new
    /// metalake's log too). Called only after the change is durable. Appends leave in the order
    /// this method is called (the change-log lane of <see cref="_gate"/>, entered before the first
    /// await), one after the other; the returned task completes when this one is appended, and
    /// callers that need no more than durability (an alter) do not wait for it. A failed append
    /// does not fail the write, which storage already acknowledged: it is counted and logged, the
    /// state keeps <see cref="EntityState.MayBeUnannounced"/> set and the next activation announces
    /// it again.
    /// </summary>
    private async Task AppendToChangeLog(ChangeKind change, EntityKey key, long version, string? actor, EntityKey? newKey = null)
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
        using (await _gate.EnterChangeLogAppendAsync())
        {
            try
            {
                await AppendToChangeLogs(changed);
            }
#pragma warning disable CA1031 // Nothing awaits a failed append to handle it: it is counted, logged and re-announced later.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Log.AppendFailed(_logger, exception, changed.Change, changed.Key.ToGrainKey(), changed.Version);
            }
        }
    }

    /// <summary>
    /// Appends <paramref name="changed"/> to the change log of its metalake and, when it moves the
    /// entity to another metalake, to that one's too; counts the append or its failure and throws
    /// the failure.
    /// </summary>
    private async Task AppendToChangeLogs(EntityChanged changed)
    {
        try
        {
            var metalake = changed.Key.Identifier.Levels[0];
            await GrainFactory.GetGrain<IChangeLogWriter>(metalake).Append(changed);
            if (changed.NewKey is { } newKey && newKey.Identifier.Levels[0] != metalake)
            {
                await GrainFactory.GetGrain<IChangeLogWriter>(newKey.Identifier.Levels[0]).Append(changed);
            }
        }
        catch
        {
            SiloMetrics.EventAppendFailed();
            throw;
        }

        SiloMetrics.EventAppended(changed.Change);
    }

    private static partial class Log
    {
        [LoggerMessage(2, LogLevel.Warning, "Appending {Change} of {Key} at version {Version} to its change log failed; the entity announces its state again on its next activation.")]
        public static partial void AppendFailed(ILogger logger, Exception exception, ChangeKind change, string key, long version);
    }
}
