using System.Net;
using OrleansCache.Events;
using OrleansCache.Grains;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;
using OrleansCache.Tests.Silo;
using Xunit.Abstractions;

namespace OrleansCache.Tests.Reliability;

/// <summary>
/// A silo killed and restarted on the same endpoint (a pod or process restarted in place) serves
/// change logs as soon as it reports ready, and does not report ready before it can.
/// </summary>
[Collection(SiloProcessCollection.Name)]
[Trait("Category", "Process")]
public sealed class SiloRestartTests(ITestOutputHelper output)
{
    private const int Metalakes = 16;

    [Fact]
    public async Task A_silo_restarted_on_the_same_endpoint_serves_change_logs_as_soon_as_it_is_ready()
    {
        await using var cluster = await ProcessCluster.StartAsync(0);
        var siloPort = RedisServer.FreePort();
        var gatewayPort = RedisServer.FreePort();
        var arguments = cluster.SiloArguments(siloPort, gatewayPort);
        var other = cluster.StartSilo();
        var first = cluster.StartSiloWith(arguments);
        await Task.WhenAll(other.WaitUntilReadyAsync(TimeSpan.FromSeconds(90)), first.WaitUntilReadyAsync(TimeSpan.FromSeconds(90)));

        var writer = await cluster.ConnectAsync();
        var lakes = Enumerable.Range(0, Metalakes).Select(i => EntityKey.Metalake($"restart_{i}")).ToArray();
        foreach (var lake in lakes)
        {
            await writer.CreateAsync(lake, Payloads.Metalake());
        }

        // A reader of change logs through the cluster (both gateways), as clients reconcile.
        using var reader = await SiloClients.ConnectAsync(0, cluster.Redis.ConnectionString, c =>
            c.Configure<Orleans.Configuration.ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5)));
        var log = new CallLog();
        using var stop = new CancellationTokenSource();
        var loop = Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var lake = lakes[n % lakes.Length];
                if (!await log.RunAsync("head", () => reader.Grains().GetGrain<IChangeLogGrain>(lake.Identifier.Name).GetHead()))
                {
                    await Task.Delay(20);
                }
            }
        });

        first.Process.Kill();
        await first.Process.WaitForExitAsync();
        var restartedAt = log.Now;
        var restarted = cluster.StartSiloWith(arguments);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.True(
            async () =>
            {
                try
                {
                    return (await http.GetAsync(restarted.Http("/health/ready"))).StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
                catch (TaskCanceledException)
                {
                    return false;
                }
            },
            "the restarted silo reports ready",
            TimeSpan.FromSeconds(90));

        var readyAt = log.Now;
        await Eventually.True(() => log.Now > readyAt + 3, "3 s of reads after ready");
        await stop.CancelAsync();
        await loop;
        var heads = log.Of("head").Where(c => c.Start >= restartedAt).ToList();
        var failedAfterReady = heads.Where(c => c.Failure is not null && c.Start >= readyAt).ToList();
        output.WriteLine($"restarted on the same endpoint: ready {readyAt - restartedAt:0.000} s after the start; " +
            $"change-log reads from the restart on: {heads.Count} ({CallLog.Describe(heads)}), after ready: {failedAfterReady.Count} failed");
        failedAfterReady.Take(3).ToList().ForEach(c => output.WriteLine(c.Failure!.Message));

        // Straight through the restarted silo's gateway: every change log answers at once.
        using var client = await SiloClients.ConnectAsync(gatewayPort, configure: c =>
        {
            c.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gatewayPort));
            c.Configure<Orleans.Configuration.ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
        });
        var failures = new List<string>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var lake in lakes)
        {
            try
            {
                await client.Grains().GetGrain<IChangeLogGrain>(lake.Identifier.Name).GetHead();
            }
            catch (Exception exception)
            {
                failures.Add($"{lake}: {exception.GetType().Name}: {exception.Message}");
            }
        }

        output.WriteLine($"{Metalakes - failures.Count} of {Metalakes} change logs answered in {clock.Elapsed.TotalSeconds:0.000} s after ready");
        failures.ForEach(output.WriteLine);
        Assert.Empty(failures);
        Assert.Empty(failedAfterReady);
        Assert.All(cluster.Silos, silo => Assert.DoesNotContain("No active nodes are compatible", silo.Output, StringComparison.Ordinal));
    }
}
