using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using Npgsql.Replication;
using Npgsql.Replication.PgOutput;
using Npgsql.Replication.PgOutput.Messages;
using NpgsqlTypes;
using OrleansCache.Grains.Diagnostics;
using OrleansCache.Origin.Gravitino.Providers;
using OrleansCache.Origins;

namespace OrleansCache.Origin.Gravitino.Replication;

/// <summary>
/// Gravitino's committed changes by PostgreSQL logical replication (pgoutput): one publication, one
/// slot. Transactions arrive in commit order, so one that took a lower id but committed later is
/// seen when it commits (Gravitino's <c>id &gt; last_id</c> poller misses it, apache/gravitino
/// #11736). The slot's confirmed position moves past a transaction only after the sink made its
/// invalidations durable; a crash anywhere replays from there. PostgreSQL lets one connection use
/// a slot at a time, which also stops two consumers from both reading it.
/// </summary>
internal sealed partial class PgOutputFeed(
    NpgsqlDataSource source,
    GravitinoOriginOptions options,
    ILogger logger) : IOriginChangeFeed
{
    private const int QueuedTransactions = 10_000;
    private const int MaxRowsPerApply = 20_000;
    private readonly ChangeResolver _resolver = new(source);

    /// <summary>The server process of the running replication connection, 0 when none (tests end it with pg_terminate_backend).</summary>
    public int ReplicationProcessId { get; private set; }

    public async Task RunAsync(IOriginChangeSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        await Publication.EnsureAsync(source, options, cancellationToken);
        await using var connection = new LogicalReplicationConnection(options.ConnectionString);
        await connection.Open(cancellationToken);
        ReplicationProcessId = connection.ProcessID;
        try
        {
            var state = await SlotStateAsync(cancellationToken);
            if (state is null or "lost")
            {
                await CreateSlotAsync(connection, sink, lost: state is not null, cancellationToken);
            }

            var slot = new PgOutputReplicationSlot(options.Slot);
            var replication = new PgOutputReplicationOptions(options.Publication, PgOutputProtocolVersion.V1);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var committed = Channel.CreateBounded<CommittedTransaction>(new BoundedChannelOptions(QueuedTransactions) { SingleReader = true, SingleWriter = true });
            var applier = Task.Run(() => ApplyLoopAsync(connection, sink, committed.Reader, stop), CancellationToken.None);
            try
            {
                var rows = new List<RowFacts>();
                await foreach (var message in connection.StartReplication(slot, replication, stop.Token))
                {
                    switch (message)
                    {
                        case BeginMessage:
                            rows = [];
                            break;
                        case InsertMessage insert:
                            await AddAsync(rows, insert.Relation, insert.NewRow, inserted: true, stop.Token);
                            break;
                        case UpdateMessage update:
                            await AddAsync(rows, update.Relation, update.NewRow, inserted: false, stop.Token);
                            break;
                        case CommitMessage commit:
                            var received = Stopwatch.GetTimestamp();
                            OriginMetrics.Stage("received", DateTime.UtcNow - DateTime.SpecifyKind(commit.TransactionCommitTimestamp, DateTimeKind.Utc));
                            await committed.Writer.WriteAsync(new CommittedTransaction(rows, commit.TransactionEndLsn, commit.TransactionCommitTimestamp, received), stop.Token);
                            rows = [];
                            break;
                        default:
                            // Deletes are Gravitino's garbage collection of rows soft-deleted long ago
                            // (already applied when they were soft-deleted); truncates and relation
                            // messages carry nothing to invalidate.
                            break;
                    }
                }
            }
            catch (OperationCanceledException) when (applier.IsFaulted)
            {
                // The applier failed and stopped the reading: its error is the one to report.
            }
            finally
            {
                committed.Writer.TryComplete();
                await stop.CancelAsync();
                await applier.ContinueWith(_ => { }, TaskScheduler.Default);
            }

            await applier;
        }
        finally
        {
            ReplicationProcessId = 0;
        }
    }

    /// <summary>
    /// Applies what has committed, every transaction queued so far at once (the entities they
    /// touched, each once, in its final state: intermediate names are never held, since a
    /// container indexes what it holds), then confirms the last commit position to the slot. One
    /// transaction at a time could not keep up with a writer committing back to back.
    /// </summary>
    private async Task ApplyLoopAsync(LogicalReplicationConnection connection, IOriginChangeSink sink, ChannelReader<CommittedTransaction> committed, CancellationTokenSource stop)
    {
        try
        {
            var rows = new List<RowFacts>();
            while (await committed.WaitToReadAsync(stop.Token))
            {
                rows.Clear();
                CommittedTransaction? last = null;
                var picked = Stopwatch.GetTimestamp();
                while (rows.Count < MaxRowsPerApply && committed.TryRead(out var transaction))
                {
                    rows.AddRange(transaction.Rows);
                    last = transaction;
                    OriginMetrics.Stage("queued", Stopwatch.GetElapsedTime(transaction.Received, picked));
                }

                if (last is null)
                {
                    continue;
                }

                var changes = await _resolver.ResolveAsync(rows, stop.Token);
                var resolved = Stopwatch.GetTimestamp();
                OriginMetrics.Stage("resolved", Stopwatch.GetElapsedTime(picked, resolved));
                if (changes.Length > 0)
                {
                    var committedAt = new DateTimeOffset(DateTime.SpecifyKind(last.CommittedAt, DateTimeKind.Utc));
                    await sink.ApplyAsync(new OriginChangeBatch(Position(last.End), committedAt, changes), stop.Token);
                }

                var applied = Stopwatch.GetTimestamp();
                OriginMetrics.Stage("applied", Stopwatch.GetElapsedTime(resolved, applied));
                connection.SetReplicationStatus(last.End);
                await connection.SendStatusUpdate(stop.Token);
                OriginMetrics.Stage("confirmed", Stopwatch.GetElapsedTime(applied));
            }
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
    }

    private sealed record CommittedTransaction(List<RowFacts> Rows, NpgsqlLogSequenceNumber End, DateTime CommittedAt, long Received);

    private static async Task AddAsync(List<RowFacts> rows, RelationMessage relation, ReplicationTuple tuple, bool inserted, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var index = 0;
        await foreach (var value in tuple.WithCancellation(cancellationToken))
        {
            var column = relation.Columns[index++].ColumnName;
            values[column] = value.IsDBNull || value.IsUnchangedToastedValue ? null : await value.Get<string>(cancellationToken);
        }

        if (RowFacts.From(relation.RelationName, values, inserted) is { } facts)
        {
            rows.Add(facts);
        }
    }

    private async Task<string?> SlotStateAsync(CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand("SELECT coalesce(wal_status, 'reserved') FROM pg_replication_slots WHERE slot_name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = options.Slot });
        return (string?)await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>
    /// Creates the slot. What changed before it is unknown to the cache (first start, or the slot was
    /// lost), so everything the cache holds from the origin is dropped and read again.
    /// </summary>
    private async Task CreateSlotAsync(LogicalReplicationConnection connection, IOriginChangeSink sink, bool lost, CancellationToken cancellationToken)
    {
        if (lost)
        {
            await connection.DropReplicationSlot(options.Slot, cancellationToken: cancellationToken);
        }

        var slot = await connection.CreatePgOutputReplicationSlot(options.Slot, slotSnapshotInitMode: LogicalSlotSnapshotInitMode.NoExport, cancellationToken: cancellationToken);
        var reason = lost ? "the replication slot had lost WAL it needed" : "the replication slot did not exist";
        LogReconcile(logger, options.Slot, reason);
        await sink.ReconcileAsync(Position(slot.ConsistentPoint), reason, cancellationToken);
    }

    private static long Position(NpgsqlLogSequenceNumber lsn) => (long)(ulong)lsn;

    [LoggerMessage(1, LogLevel.Warning, "Replication slot {Slot} was created ({Reason}): the cache drops everything it holds from the origin and reads it again (full reconcile).")]
    private static partial void LogReconcile(ILogger logger, string slot, string reason);
}
