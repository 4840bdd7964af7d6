using System.Diagnostics;
using System.Globalization;
using Npgsql;
using OrleansCache.Grains.Diagnostics;
using OrleansCache.Naming;
using OrleansCache.Origin.Gravitino.Hosting;
using OrleansCache.Origin.Gravitino.Providers;
using OrleansCache.Testing;

namespace OrleansCache.LoadGenerator;

/// <summary>
/// Origin mode measured against a throwaway PostgreSQL holding Gravitino's schema: the cold
/// read-through rate, origin reads per 1,000 loads once warm (YCSB-C, Zipfian), and the time from a
/// PostgreSQL commit until another client's near cache stops returning the older state (the anchor
/// is Gravitino's own 3,000 ms poll).
/// </summary>
internal static class OriginBench
{
    private const long Lake = 1, Catalog = 2, Schema = 3, FirstTable = 1000;

    public static async Task<OriginResult> RunAsync(int tables, int changeSamples, TimeSpan warmDuration, TimeSpan pollPeriod)
    {
        await using var postgres = await PostgresServer.StartAsync();
        await PopulateAsync(postgres, tables);
        await using var redis = await RedisServer.StartAsync(appendOnly: false);
        var origin = new GravitinoOriginOptions { Provider = GravitinoOriginOptions.GravitinoPostgres, ConnectionString = postgres.ConnectionString };
        await using var cluster = await OrleansCluster.StartAsync(redis.ConnectionString, 2, pollPeriod, silo => silo.AddGravitinoOrigin(origin));
        var reader = await cluster.ConnectAsync(nearCache: true, maxEntries: Math.Max(tables, 16));
        var watcher = await cluster.ConnectAsync(nearCache: true, maxEntries: Math.Max(tables, 16));
        var keys = Enumerable.Range(0, tables).Select(i => EntityKey.Table("lake", "cat", "s", $"t{i}")).ToArray();

        // Cold: every table read through once (64 at a time), with each read's time at the client and
        // the silo's fill stages (origin read, container held, index registration, storage write).
        var fillStages = new StageTimings("orleanscache.silo.origin.fill_stage_duration", "read", "parent", "registered", "stored");
        var coldReads = new List<double>(tables);
        var cold = Stopwatch.StartNew();
        // A read that outlives a timeout on the shared machine (the client's, grain storage's or the
        // origin's, all 2 s) is asked again (counted).
        var coldTimeouts = 0;
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (key, _) =>
        {
            while (true)
            {
                try
                {
                    var started = Stopwatch.GetTimestamp();
                    await reader.Cache.LoadAsync(key);
                    var took = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    lock (coldReads)
                    {
                        coldReads.Add(took);
                    }

                    return;
                }
                catch (Exception exception) when (exception is OrleansCache.Errors.CacheUnavailableException or OrleansCache.Errors.OriginUnavailableException)
                {
                    Interlocked.Increment(ref coldTimeouts);
                }
            }
        });
        var coldRate = tables / cold.Elapsed.TotalSeconds;
        var coldStages = fillStages.Summary(("client", coldReads));
        fillStages.Dispose();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"origin: cold read-through of {tables} tables in {cold.Elapsed.TotalSeconds:F1} s ({coldTimeouts} reads timed out (client, storage or origin) and were asked again)\norigin cold fill stages (p50/p99 ms): {coldStages}"));

        // Warm: YCSB-C (read only, Zipfian) on the reader; count reads that reached PostgreSQL.
        var zipf = new Zipf(tables);
        var originReadsBefore = OriginMetrics.ReadCount;
        long loads = 0;
        var warm = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, 16), async (worker, _) =>
        {
            var random = new Random(worker);
            while (warm.Elapsed < warmDuration)
            {
                await reader.Cache.LoadAsync(keys[zipf.Next(random)]);
                Interlocked.Increment(ref loads);
            }
        });
        var originReadsPer1k = (OriginMetrics.ReadCount - originReadsBefore) * 1000.0 / loads;

        // Change: commit in PostgreSQL, then time until the watcher's near cache no longer returns the
        // older version (its change event applied: the measure), and until it serves the new
        // comment (that plus a re-read through the grain and PostgreSQL). Per-stage timings of the
        // feed come from its histogram; the stream stage is the event's announce time to its arrival.
        using var stages = new StageTimings();
        AwaitedChange? awaited = null;
        var delivered = new List<double>(changeSamples);
        watcher.Cache.ChangeReceived += (_, change) =>
        {
            if (Volatile.Read(ref awaited) is { } wanted && change.Key == wanted.Key && change.Version > wanted.Version && wanted.Dropped.TrySetResult(Stopwatch.GetTimestamp()))
            {
                lock (delivered)
                {
                    delivered.Add((DateTimeOffset.UtcNow - change.At).TotalMilliseconds);
                }
            }
        };
        var dropped = new List<double>(changeSamples);
        var newState = new List<double>(changeSamples);
        await using var connection = await postgres.OpenAsync();
        for (var sample = 0; sample < changeSamples; sample++)
        {
            var index = sample % tables;
            var before = await watcher.Cache.LoadAsync(keys[index]);
            var drop = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref awaited, new AwaitedChange(keys[index], before.Version, drop));
            var comment = $"c{sample}";
            await using var transaction = await connection.BeginTransactionAsync();
            await ExecAsync(connection, transaction, "UPDATE table_meta SET current_version = last_version + 1, last_version = last_version + 1 WHERE table_id = $1", FirstTable + index);
            await ExecAsync(connection, transaction, "INSERT INTO table_version_info (table_id, \"comment\", version, deleted_at) SELECT table_id, $2, current_version, 0 FROM table_meta WHERE table_id = $1", FirstTable + index, comment);
            var committed = Stopwatch.GetTimestamp();
            await transaction.CommitAsync();
            try
            {
                dropped.Add(Stopwatch.GetElapsedTime(committed, await drop.Task.WaitAsync(TimeSpan.FromSeconds(10))).TotalMilliseconds);
            }
            catch (TimeoutException)
            {
                dropped.Add(10_000);
            }

            while ((await watcher.Cache.LoadAsync(keys[index])).Payload.Comment != comment && Stopwatch.GetElapsedTime(committed) < TimeSpan.FromSeconds(10))
            {
                await Task.Yield();
            }

            newState.Add(Stopwatch.GetElapsedTime(committed).TotalMilliseconds);
        }

        dropped.Sort();
        newState.Sort();
        var stageSummary = stages.Summary(("delivered", delivered));
        return new OriginResult(tables, coldRate, loads, originReadsPer1k, Percentile(dropped, 0.5), Percentile(dropped, 0.99), dropped.Count, Percentile(newState, 0.5), Percentile(newState, 0.99), stageSummary);
    }

    /// <summary>The change the watcher waits for: an event newer than the version it holds.</summary>
    private sealed record AwaitedChange(EntityKey Key, long Version, TaskCompletionSource<long> Dropped);

    internal static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    /// <summary>One metalake, catalog and schema, and <paramref name="tables"/> tables with two columns each, in bulk.</summary>
    private static async Task PopulateAsync(PostgresServer postgres, int tables)
    {
        await using var connection = await postgres.OpenAsync();
        await ExecAsync(connection, null, await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "gravitino-schema.sql")));
        const string Audit = """{"creator":"bench","createTime":"2026-01-01T00:00:00Z"}""";
        await ExecAsync(connection, null, "INSERT INTO metalake_meta (metalake_id, metalake_name, audit_info, schema_version) VALUES ($1, 'lake', $2, '{}')", Lake, Audit);
        await ExecAsync(connection, null, "INSERT INTO catalog_meta (catalog_id, catalog_name, metalake_id, type, provider, audit_info) VALUES ($1, 'cat', $2, 'relational', 'hive', $3)", Catalog, Lake, Audit);
        await ExecAsync(connection, null, "INSERT INTO schema_meta (schema_id, schema_name, metalake_id, catalog_id, audit_info) VALUES ($1, 's', $2, $3, $4)", Schema, Lake, Catalog, Audit);
        var first = FirstTable.ToString(CultureInfo.InvariantCulture);
        await ExecAsync(connection, null, $"INSERT INTO table_meta (table_id, table_name, metalake_id, catalog_id, schema_id, audit_info) SELECT {first} + g, 't' || g, 1, 2, 3, $1 FROM generate_series(0, $2 - 1) g", Audit, tables);
        await ExecAsync(connection, null, $"INSERT INTO table_version_info (table_id, \"comment\", properties, version, deleted_at) SELECT {first} + g, 'v1', '{{\"format\":\"parquet\"}}', 1, 0 FROM generate_series(0, $1 - 1) g", tables);
        await ExecAsync(connection, null, $"INSERT INTO table_column_version_info (metalake_id, catalog_id, schema_id, table_id, table_version, column_id, column_name, column_position, column_type, column_op_type, audit_info) SELECT 1, 2, 3, {first} + g, 1, c, 'col' || c, c, '\"long\"', 1, $2 FROM generate_series(0, $1 - 1) g, generate_series(0, 1) c", tables, Audit);
    }

    private static async Task ExecAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>What the origin run measured.</summary>
internal sealed record OriginResult(
    int Tables, double ColdReadThroughPerSecond, long WarmLoads, double OriginReadsPer1kLoads,
    double ChangeP50Ms, double ChangeP99Ms, int ChangeSamples, double NewStateP50Ms, double NewStateP99Ms, string Stages)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"origin: tables={Tables} cold_read_through_per_s={ColdReadThroughPerSecond:F0} origin_reads_per_1k_loads={OriginReadsPer1kLoads:F3} (over {WarmLoads} warm loads) origin_change_p50_ms={ChangeP50Ms:F2} origin_change_p99_ms={ChangeP99Ms:F2} (commit to the older version dropped, over {ChangeSamples} commits; anchor: Gravitino's poll, 3000 ms: {3000 / ChangeP99Ms:F0} x at p99) origin_new_state_p50_ms={NewStateP50Ms:F2} origin_new_state_p99_ms={NewStateP99Ms:F2} (commit to the new comment served)\norigin stages (p50/p99 ms): {Stages}");
}
