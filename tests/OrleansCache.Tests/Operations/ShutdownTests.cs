using System.Collections.Concurrent;
using System.Diagnostics;
using Xunit.Abstractions;
using OrleansCache.Changes;
using OrleansCache.Entities;
using OrleansCache.Grains;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;
using OrleansCache.Tests.Silo;

namespace OrleansCache.Tests.Operations;

/// <summary>SIGTERM, as Kubernetes sends it, to one of two silo processes while a client writes.</summary>
[Trait("Category", "Process")]
[Collection(SiloProcessCollection.Name)]
public sealed class ShutdownTests(ITestOutputHelper output)
{
    private const int Entities = 16;

    /// <summary>The Kubernetes grace period in deploy/kubernetes/silo.yaml is longer than this.</summary>
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(30);

    [Fact]
    public Task A_silo_stopped_with_sigterm_mid_write_loop_exits_cleanly_within_the_grace_period_and_loses_no_acknowledged_write() =>
        RunAsync(killed: false);

    /// <summary>kill -9: no hand-over at all. The survivor must declare the dead silo dead and re-activate its grains from Redis.</summary>
    [Fact]
    public Task A_silo_killed_with_sigkill_mid_write_loop_loses_no_acknowledged_write() => RunAsync(killed: true);

    private async Task RunAsync(bool killed)
    {
        await using var redis = await RedisServer.StartAsync();
        await using var leaving = SiloProcess.Start(Arguments(redis));
        await using var staying = SiloProcess.Start(Arguments(redis));
        await Task.WhenAll(leaving.WaitUntilReadyAsync(TimeSpan.FromSeconds(90)), staying.WaitUntilReadyAsync(TimeSpan.FromSeconds(90)));

        using var writer = await SiloClients.ConnectAsync(0, redis.ConnectionString, c =>
            c.Configure<Orleans.Configuration.ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10)));
        var lakes = Enumerable.Range(0, Entities).Select(i => EntityKey.Metalake($"sigterm_{i}")).ToArray();
        var acknowledged = new ConcurrentDictionary<EntityKey, (long Version, string Comment)>();
        foreach (var lake in lakes)
        {
            var created = await writer.Grains().GetEntityGrain(lake).Create(new MetalakePayload { Comment = "v0" }, WriteOptions.Default);
            acknowledged[lake] = (created.Version, "v0");
        }

        // One writer per entity, so each entity's acknowledged writes are in order.
        using var stop = new CancellationTokenSource();
        var written = 0;
        var refused = 0;
        var loops = lakes.Select(lake => Task.Run(async () =>
        {
            for (var n = 1; !stop.IsCancellationRequested; n++)
            {
                var comment = $"v{n}";
                try
                {
                    var record = await writer.Grains().GetEntityGrain(lake).Alter([new UpdateComment(comment)], WriteOptions.Default);
                    acknowledged[lake] = (record.Version, comment);
                    Interlocked.Increment(ref written);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    Interlocked.Increment(ref refused); // not acknowledged: the caller would retry
                }
            }
        })).ToArray();

        await Eventually.True(() => Volatile.Read(ref written) >= 200, "the loop has acknowledged writes on both silos");
        var clock = Stopwatch.StartNew();
        Task<List<string>>? readiness = null;
        if (killed)
        {
            leaving.Process.Kill();
        }
        else
        {
            leaving.Terminate();
            readiness = WatchReadinessAsync(leaving);
        }

        await leaving.Process.WaitForExitAsync().WaitAsync(GracePeriod + TimeSpan.FromSeconds(10));
        if (readiness is not null)
        {
            // Kubernetes must stop routing to the silo as soon as the hand-over starts.
            var answers = await readiness;
            Assert.Contains(answers, answer => answer.StartsWith("503", StringComparison.Ordinal) && answer.Contains("shutting down", StringComparison.Ordinal));
        }
        var stoppedAfter = clock.Elapsed;
        var writtenAtExit = Volatile.Read(ref written);
        await Eventually.True(() => Volatile.Read(ref written) >= writtenAtExit + 200, "writes go on through the remaining silo", TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await Task.WhenAll(loops);

        output.WriteLine($"{(killed ? "SIGKILL" : "SIGTERM")} to exit: {stoppedAfter}; writes acknowledged: {written}, refused during the hand-over: {refused}.");
        if (!killed)
        {
            Assert.Equal(0, leaving.Process.ExitCode);
            Assert.True(stoppedAfter < GracePeriod, $"the silo took {stoppedAfter} to stop");
        }

        Assert.False(staying.Process.HasExited);

        // A fresh client, straight to the grains: every acknowledged write is there (after a kill,
        // once the survivor has declared the dead silo dead and re-activated its grains).
        using var reader = await SiloClients.ConnectAsync(0, redis.ConnectionString);
        foreach (var lake in lakes)
        {
            var (version, comment) = acknowledged[lake];
            var record = await Eventually.Succeeds(() => reader.Grains().GetEntityGrain(lake).Load(), TimeSpan.FromSeconds(120));
            Assert.True(record.Version >= version, $"{lake} is at version {record.Version}, below the acknowledged {version}");
            if (record.Version == version)
            {
                Assert.Equal(comment, record.Payload.Comment);
            }
        }

        await reader.StopAsync();
        await writer.StopAsync();
    }

    /// <summary>Polls readiness until the process exits: every answer, as "status body".</summary>
    private static async Task<List<string>> WatchReadinessAsync(SiloProcess silo)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var answers = new List<string>();
        while (!silo.Process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(silo.Http("/health/ready"));
                answers.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // The listener is gone or going: the process is about to exit.
            }

            await Task.Delay(20);
        }

        return answers;
    }

    private static string[] Arguments(RedisServer redis) =>
    [
        "--OrleansCache:Mode=Redis",
        $"--OrleansCache:Redis:ConnectionString={redis.ConnectionString}",
        "--OrleansCache:AdvertisedIPAddress=127.0.0.1",
        $"--OrleansCache:GatewayPort={RedisServer.FreePort()}",
        $"--OrleansCache:SiloPort={RedisServer.FreePort()}",
    ];
}
