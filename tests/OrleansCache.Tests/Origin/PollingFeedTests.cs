using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OrleansCache.Naming;
using OrleansCache.Origin.Gravitino;
using OrleansCache.Origins;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Origin;

/// <summary>
/// The polling change feed on its own, against real PostgreSQL, with a sink that records what it is
/// given and a reconcile too far off to run: what arrives came from <c>entity_change_log</c>.
/// </summary>
[Collection(PollingCollection.Name)]
[Trait("Category", "Postgres")]
public sealed class PollingFeedTests(PollingFixture fixture)
{
    private GravitinoWriter Writer => fixture.Writer;

    [Fact]
    public async Task A_rename_logged_under_the_old_name_drops_that_name()
    {
        var (lakeName, table) = await TableAsync("plog", "t");
        await using var feed = await RunningFeedAsync();

        await RenameLoggedAsync(null, lakeName, table, "t", "t_new");

        await feed.WaitForAsync(change => change.Container == EntityKey.Schema(lakeName, "rel", "s") && change.Name == "t" && !change.Exists, "the old name dropped");
    }

    [Fact]
    public async Task A_row_whose_transaction_commits_after_a_higher_id_is_still_seen()
    {
        // apache/gravitino #11736: reading id > last_id skips the lower id that commits later.
        var (lakeName, early) = await TableAsync("pooo", "early");
        var (_, late) = await TableAsync(lakeName, "late", existingLake: true);
        await using var feed = await RunningFeedAsync();

        await using var slow = await fixture.Postgres.OpenAsync();
        await using var transaction = await slow.BeginTransactionAsync();
        await RenameLoggedAsync((slow, transaction), lakeName, early, "early", "early2");
        await RenameLoggedAsync(null, lakeName, late, "late", "late2");
        await feed.WaitForAsync(change => change.Name == "late" && change.Container.Identifier.Levels[0] == lakeName, "the later id, committed first");
        await transaction.CommitAsync();
        Assert.True(await LogIdAsync(lakeName, "early") < await LogIdAsync(lakeName, "late"), "the row committed last has the lower id");

        await feed.WaitForAsync(change => change.Name == "early" && !change.Exists && change.Container.Identifier.Levels[0] == lakeName, "the lower id, committed later");
    }

    private async Task<(string LakeName, long Table)> TableAsync(string lake, string name, bool existingLake = false)
    {
        var lakeName = existingLake ? lake : Payloads.Unique(lake);
        var lakeId = existingLake ? await IdAsync("SELECT metalake_id FROM metalake_meta WHERE metalake_name = $1", lakeName) : await Writer.MetalakeAsync(lakeName);
        var catalog = existingLake ? await IdAsync("SELECT catalog_id FROM catalog_meta WHERE metalake_id = $1", lakeId) : await Writer.CatalogAsync(lakeId, "rel");
        var schema = existingLake ? await IdAsync("SELECT schema_id FROM schema_meta WHERE catalog_id = $1", catalog) : await Writer.SchemaAsync(lakeId, catalog, "s");
        return (lakeName, await Writer.TableAsync(lakeId, catalog, schema, name, ("id", "\"long\"")));
    }

    /// <summary>A rename as Gravitino's table service writes it: the new name, and a change-log row under the old full name, in one transaction.</summary>
    private async Task RenameLoggedAsync((NpgsqlConnection Connection, NpgsqlTransaction Transaction)? open, string lakeName, long table, string from, string to)
    {
        async Task Write(NpgsqlConnection connection, NpgsqlTransaction transaction)
        {
            await GravitinoWriter.ExecAsync(connection, transaction, "UPDATE table_meta SET table_name = $1 WHERE table_id = $2", to, table);
            await GravitinoWriter.ExecAsync(connection, transaction, GravitinoWriter.ChangeLogInsert, lakeName, "TABLE", $"{lakeName}.rel.s.{from}", (short)1);
        }

        if (open is { } given)
        {
            await Write(given.Connection, given.Transaction);
        }
        else
        {
            await Writer.InTransactionAsync(Write);
        }
    }

    private async Task<long> LogIdAsync(string lakeName, string table) =>
        await IdAsync("SELECT id FROM entity_change_log WHERE entity_full_name = $1", $"{lakeName}.rel.s.{table}");

    private async Task<long> IdAsync(string sql, object value)
    {
        await using var connection = await fixture.Postgres.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = value } } };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<RecordingFeed> RunningFeedAsync()
    {
        var feed = new RecordingFeed(new GravitinoOrigin(PollingFixture.Options(fixture.Postgres, TimeSpan.FromDays(1)), NullLogger<GravitinoOrigin>.Instance));
        await Eventually.True(() => feed.Reconciles > 0, "the poller took its baseline");
        return feed;
    }

    /// <summary>Runs an origin's feed into a sink that records every change it is given.</summary>
    private sealed class RecordingFeed : IOriginChangeSink, IAsyncDisposable
    {
        private readonly GravitinoOrigin _origin;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _running;
        private readonly ConcurrentQueue<OriginChange> _changes = new();
        private int _reconciles;

        public RecordingFeed(GravitinoOrigin origin)
        {
            _origin = origin;
            _running = Task.Run(() => origin.ChangeFeed.RunAsync(this, _stop.Token));
        }

        public int Reconciles => Volatile.Read(ref _reconciles);

        public Task ApplyAsync(OriginChangeBatch batch, CancellationToken cancellationToken)
        {
            foreach (var change in batch.Changes)
            {
                _changes.Enqueue(change);
            }

            return Task.CompletedTask;
        }

        public Task ReconcileAsync(long position, string reason, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reconciles);
            return Task.CompletedTask;
        }

        public Task WaitForAsync(Func<OriginChange, bool> match, string what) =>
            Eventually.True(
                () => _running.IsFaulted ? throw _running.Exception! : _changes.Any(match),
                $"the feed delivers {what}",
                TimeSpan.FromSeconds(20));

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _running.ContinueWith(_ => { }, TaskScheduler.Default);
            _stop.Dispose();
            await _origin.DisposeAsync();
        }
    }
}
