using System.Collections.Immutable;
using System.Data;
using Microsoft.Extensions.Logging;
using Npgsql;
using OrleansCache.Naming;
using OrleansCache.Origin.Gravitino.Providers;
using OrleansCache.Origin.Gravitino.Replication;
using OrleansCache.Origin.Gravitino.Store;
using OrleansCache.Origins;

namespace OrleansCache.Origin.Gravitino.Polling;

/// <summary>
/// The change feed where logical replication cannot be granted (<c>ChangeCapture=Polling</c>):
/// Gravitino's <c>entity_change_log</c> read every poll interval through a lag window
/// (<see cref="ChangeLogWindow"/>), plus a periodic reconcile that compares every entity of the origin
/// with the previous pass (<see cref="OriginFingerprints"/>) for what the log does not record.
/// </summary>
/// <remarks>
/// The poller keeps its position in memory only: when it starts (first start, or its silo died) it
/// cannot know what changed while no poller ran, so it makes the cache drop what it holds from the
/// origin (a full reconcile, logged and counted) and takes its first pass as the baseline. A failed
/// poll is retried on the next tick without losing the baseline: what changed meanwhile is found by
/// the window or by the next reconcile. Positions given to the sink are taken after the reads they
/// cover, so each is at or above the commit of every change it reports.
/// </remarks>
internal sealed partial class ChangeLogPoller(NpgsqlDataSource source, GravitinoOriginOptions options, ILogger logger) : IOriginChangeFeed
{
    private const int MaxChangesPerBatch = 5_000;
    private readonly GravitinoStore _store = new(source);
    private readonly ChangeResolver _resolver = new(source);

    public async Task RunAsync(IOriginChangeSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var window = new ChangeLogWindow(options.LagWindow);
        Dictionary<EntityRef, (string Name, string Hash)> baseline;
        long position;
        await using (var connection = await source.OpenConnectionAsync(cancellationToken))
        {
            await using (var highest = new NpgsqlCommand("SELECT coalesce(max(id), 0) FROM entity_change_log", connection))
            {
                window.StartAbove((long)(await highest.ExecuteScalarAsync(cancellationToken))!);
            }

            var (now, _) = await ClockAsync(connection, cancellationToken);
            foreach (var row in await ReadLogAsync(connection, window, now, cancellationToken))
            {
                window.Applied(row.Id, row.CreatedAtMs);
            }

            baseline = await SnapshotAsync(connection, cancellationToken);
            (_, position) = await ClockAsync(connection, cancellationToken);
        }

        const string Reason = "the polling change feed started and keeps no durable position";
        LogStartReconcile(logger, Reason);
        await sink.ReconcileAsync(position, Reason, cancellationToken);

        var nextReconcile = DateTime.UtcNow + options.ReconcileInterval;
        using var timer = new PeriodicTimer(options.PollInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            try
            {
                await PollAsync(sink, window, cancellationToken);
                if (DateTime.UtcNow >= nextReconcile)
                {
                    baseline = await ReconcileAsync(sink, baseline, cancellationToken);
                    nextReconcile = DateTime.UtcNow + options.ReconcileInterval;
                }
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                LogPollFailed(logger, exception);
            }
        }
    }

    /// <summary>Applies the log rows not applied yet; each names the entity as it was before the change.</summary>
    private async Task PollAsync(IOriginChangeSink sink, ChangeLogWindow window, CancellationToken cancellationToken)
    {
        List<ChangeLogRow> rows;
        long now;
        await using (var connection = await source.OpenConnectionAsync(cancellationToken))
        {
            (now, _) = await ClockAsync(connection, cancellationToken);
            rows = [.. (await ReadLogAsync(connection, window, now, cancellationToken)).Where(row => window.IsNew(row.Id))];
        }

        if (rows.Count > 0)
        {
            var changes = ImmutableArray.CreateBuilder<OriginChange>();
            foreach (var key in rows.Select(row => row.Key()).OfType<EntityKey>().Distinct())
            {
                // The row names the entity before the change: gone now (dropped, or renamed away)
                // empties that name's subtree; still there (same or another id) invalidates it.
                var current = await _store.LoadAsync(key, cancellationToken);
                changes.Add(new OriginChange(key.Parent, key.Kind, current?.OriginId ?? string.Empty, key.Identifier.Name, current is not null, Created: false));
            }

            await ApplyAsync(sink, changes.ToImmutable(), cancellationToken);
            foreach (var row in rows)
            {
                window.Applied(row.Id, row.CreatedAtMs);
            }
        }

        window.Forget(now);
    }

    /// <summary>Compares every entity with the previous pass and applies what differs; returns the new pass.</summary>
    private async Task<Dictionary<EntityRef, (string Name, string Hash)>> ReconcileAsync(
        IOriginChangeSink sink, Dictionary<EntityRef, (string Name, string Hash)> baseline, CancellationToken cancellationToken)
    {
        Dictionary<EntityRef, (string Name, string Hash)> pass;
        await using (var connection = await source.OpenConnectionAsync(cancellationToken))
        {
            pass = await SnapshotAsync(connection, cancellationToken);
        }

        var differences = OriginFingerprints.Compare(baseline, pass);
        foreach (var chunk in differences.Chunk(MaxChangesPerBatch))
        {
            await ApplyAsync(sink, await _resolver.ResolveAsync(chunk, cancellationToken), cancellationToken);
        }

        LogReconciled(logger, pass.Count, differences.Count);
        return pass;
    }

    private async Task ApplyAsync(IOriginChangeSink sink, ImmutableArray<OriginChange> changes, CancellationToken cancellationToken)
    {
        if (changes.IsEmpty)
        {
            return;
        }

        long position;
        await using (var connection = await source.OpenConnectionAsync(cancellationToken))
        {
            (_, position) = await ClockAsync(connection, cancellationToken);
        }

        await sink.ApplyAsync(new OriginChangeBatch(position, DateTimeOffset.UtcNow, changes), cancellationToken);
    }

    private static async Task<Dictionary<EntityRef, (string Name, string Hash)>> SnapshotAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var pass = await OriginFingerprints.ReadAsync(connection, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return pass;
    }

    private static async Task<List<ChangeLogRow>> ReadLogAsync(NpgsqlConnection connection, ChangeLogWindow window, long nowMs, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT id, metalake_name, entity_type, entity_full_name, operate_type, created_at FROM entity_change_log WHERE id > $1 OR created_at >= $2 ORDER BY id",
            connection) { Parameters = { new() { Value = window.HighestId }, new() { Value = window.Since(nowMs) } } };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<ChangeLogRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new ChangeLogRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt16(4), reader.GetInt64(5)));
        }

        return rows;
    }

    /// <summary>The origin's clock (Unix ms, as Gravitino stamps log rows) and its current WAL position.</summary>
    private static async Task<(long NowMs, long Position)> ClockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT (extract(epoch from clock_timestamp()) * 1000)::bigint, (pg_current_wal_lsn() - '0/0')::bigint", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    [LoggerMessage(1, LogLevel.Warning, "Origin change capture by polling: {Reason}; the cache drops everything it holds from the origin and reads it again (full reconcile).")]
    private static partial void LogStartReconcile(ILogger logger, string reason);

    [LoggerMessage(2, LogLevel.Warning, "Polling the origin's entity_change_log failed; trying again at the next poll.")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(3, LogLevel.Debug, "Origin reconcile compared {Entities} entities; {Differences} differed from the previous pass.")]
    private static partial void LogReconciled(ILogger logger, int entities, int differences);
}
