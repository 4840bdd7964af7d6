using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OrleansCache.Client;
using OrleansCache.Entities;
using OrleansCache.Grains.Origins;
using OrleansCache.Naming;
using OrleansCache.Origin.Gravitino;
using OrleansCache.Tests.Client;
using OrleansCache.Tests.Infrastructure;
using OrleansCache.Tests.Reliability;
using OrleansCache.Tests.Silo;
using Xunit.Abstractions;

namespace OrleansCache.Tests.Origin;

/// <summary>
/// 10,000 origin changes committed to PostgreSQL while the silo process running the change feed is
/// killed with <c>kill -9</c> half-way: after recovery every table at both clients equals the origin.
/// </summary>
[Collection(SiloProcessCollection.Name)]
[Trait("Category", "Process")]
public sealed class OriginBurstTests(ITestOutputHelper output)
{
    private const int Tables = 200;
    private const int Changes = 10_000;
    private const int Writers = 8;

    [Fact]
    [Trait("Category", "Postgres")]
    public async Task After_kill_9_of_the_feed_silo_process_mid_burst_every_table_equals_the_origin()
    {
        await using var postgres = await PostgresServer.StartAsync();
        await OriginFixture.CreateSchemaAsync(postgres);
        var writer = new GravitinoWriter(postgres.ConnectionString);
        var (lakeName, lake, catalog, schema) = await writer.HierarchyAsync("burst");
        var ids = new long[Tables];
        for (var i = 0; i < Tables; i++)
        {
            ids[i] = await writer.TableAsync(lake, catalog, schema, $"t{i}", ("id", "\"long\""));
        }

        await using var cluster = await ProcessCluster.StartAsync(0);
        string[] origin = ["--OrleansCache:Origin:Provider=GravitinoPostgres", $"--OrleansCache:Origin:ConnectionString={postgres.ConnectionString}"];
        var ports = new[] { RedisServer.FreePort(), RedisServer.FreePort() };
        var silos = ports.Select(port => cluster.StartSiloWith([.. cluster.SiloArguments(siloPort: port), .. origin])).ToArray();
        await Task.WhenAll(silos.Select(silo => silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(120))));
        var clients = new[] { await cluster.ConnectAsync(LiveClusterFixture.LongLived), await cluster.ConnectAsync(LiveClusterFixture.LongLived) };
        var keys = Enumerable.Range(0, Tables).Select(i => EntityKey.Table(lakeName, "rel", "s", $"t{i}")).ToArray();
        foreach (var client in clients)
        {
            foreach (var key in keys)
            {
                await Eventually.Succeeds(async () => await client.LoadAsync(key));
            }
        }

        var feed = cluster.ServiceOf<IClusterClient>(clients[0]).GetGrain<IOriginFeedGrain>(0);
        var status = await Eventually.Succeeds(async () => await feed.Ensure() is var s && s.StartsWith("running", StringComparison.Ordinal) ? s : throw new InvalidOperationException(s));
        var feedSilo = silos[Array.FindIndex(ports, port => status.Contains($":{port}:", StringComparison.Ordinal))];

        var clock = Stopwatch.StartNew();
        var written = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, Changes), new ParallelOptions { MaxDegreeOfParallelism = Writers }, async (change, _) =>
        {
            var column = change % 50 == 0 ? ($"c{change}", "\"string\"") : ((string, string)?)null;
            await writer.AlterTableAsync(ids[change % Tables], $"c{change}", column);
            if (Interlocked.Increment(ref written) == Changes / 2)
            {
                output.WriteLine($"kill -9 of the feed's silo process {feedSilo.Process.Id} ({status}) after {Changes / 2} changes");
                using var kill = Process.Start("kill", ["-9", feedSilo.Process.Id.ToString(CultureInfo.InvariantCulture)]);
                await kill.WaitForExitAsync(CancellationToken.None);
                Assert.Equal(0, kill.ExitCode);
            }
        });
        output.WriteLine($"{Changes} changes committed in {clock.ElapsedMilliseconds} ms");
        Assert.True(feedSilo.Process.HasExited, "the feed's silo process was killed");

        await using var truth = new GravitinoOrigin(OriginFixture.Options(postgres), NullLogger<GravitinoOrigin>.Instance);
        var expected = new EntityRecord[Tables];
        for (var i = 0; i < Tables; i++)
        {
            expected[i] = (await truth.LoadAsync(keys[i], CancellationToken.None))!.Record;
        }

        foreach (var client in clients)
        {
            await Eventually.True(
                async () =>
                {
                    for (var i = 0; i < Tables; i++)
                    {
                        if (!Same(expected[i], await Eventually.Succeeds(async () => await client.LoadAsync(keys[i]))))
                        {
                            return false;
                        }
                    }

                    return true;
                },
                "every table at both clients equals the origin",
                TimeSpan.FromSeconds(90));
        }

        output.WriteLine($"converged {clock.ElapsedMilliseconds} ms after the burst began; new feed: {await feed.Ensure()}");
    }

    /// <summary>What the burst changes (comment, columns) and what it does not (properties, audit) are all as the origin holds them.</summary>
    private static bool Same(EntityRecord origin, EntityRecord cached)
    {
        var (a, b) = ((TablePayload)origin.Payload, (TablePayload)cached.Payload);
        return a.Comment == b.Comment
            && a.Columns.Select(c => (c.Name, c.DataType)).SequenceEqual(b.Columns.Select(c => (c.Name, c.DataType)))
            && a.Properties.OrderBy(p => p.Key).SequenceEqual(b.Properties.OrderBy(p => p.Key))
            && origin.Audit == cached.Audit;
    }
}
