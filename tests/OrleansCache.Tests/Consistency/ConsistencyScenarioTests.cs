using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using OrleansCache.Client.Events;
using OrleansCache.Events;
using OrleansCache.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansCache.Tests.Consistency;

/// <summary>
/// The history checker over four fault scenarios, on real silos in Redis mode with independent
/// near-cache clients. Each prints one line:
/// <c>consistency scenario=… ops=… violations=… max_staleness_ms=… bound_ms=…</c>
/// (also appended to TestResults/consistency.txt at the repository root). The run length per
/// scenario is CONSISTENCY_SECONDS (default 4).
/// </summary>
[Collection(ConsistencyCollection.Name)]
public sealed class ConsistencyScenarioTests(ITestOutputHelper output)
{
    private const int Readers = 3;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    [Fact]
    public Task Normal_operation() => RunAsync("normal", dropShare: 0, fault: null);

    [Fact]
    public Task Ten_percent_of_events_lost() => RunAsync("drop10", dropShare: 0.10, fault: null);

    [Fact]
    public Task Every_event_lost() => RunAsync("drop100", dropShare: 1.0, fault: null);

    [Fact]
    public Task A_silo_killed_mid_run() => RunAsync("silo-kill", dropShare: 0, fault: async cluster =>
    {
        await cluster.KillSiloAsync(cluster.Silos[^1]);
    });

    /// <summary>
    /// Reader 1 reaches the cluster through one gateway only; that silo dies and comes back on the
    /// same ports two seconds later, so the reader loses its connection and reconnects.
    /// </summary>
    [Fact]
    public Task A_client_disconnected_and_reconnected_mid_run() => RunAsync("client-reconnect", dropShare: 0, fault: async cluster =>
    {
        var gateway = cluster.Silos[0];
        var (siloPort, gatewayPort) = (cluster.SiloPortOf(gateway), cluster.GatewayOf(gateway).Port);
        await cluster.KillSiloAsync(gateway);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await cluster.StartSiloAsync(siloPort, gatewayPort);
    });

    private async Task RunAsync(string scenario, double dropShare, Func<LiveCluster, Task>? fault)
    {
        var seconds = double.Parse(Environment.GetEnvironmentVariable("CONSISTENCY_SECONDS") ?? "4", CultureInfo.InvariantCulture);
        await using var redis = await RedisServer.StartAsync();
        await using var cluster = await LiveCluster.StartAsync(redis, silos: fault is null ? 2 : 3);
        var singleGateway = scenario == "client-reconnect" ? cluster.GatewayOf(cluster.Silos[0]) : null;

        var writer = await cluster.ConnectAsync(Configure);
        var readers = new List<TestClient>();
        for (var i = 0; i < Readers; i++)
        {
            var hook = dropShare > 0 ? new RandomLoss(dropShare, seed: i) : null;
            readers.Add(await cluster.ConnectAsync(
                Configure,
                client => { if (hook is not null) { client.Services.AddSingleton<IEventReceiveHook>(hook); } },
                gateway: i == 0 ? singleGateway : null));
        }

        var workload = new Workload();
        await workload.SetUpAsync(writer.Cache);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var loops = new List<Task> { workload.WriteAsync(writer.Cache, seed: 7, stop.Token) };
        loops.AddRange(readers.Select((reader, i) => workload.ReadLoopAsync(reader.Cache, i + 1, seed: 100 + i, stop.Token)));
        if (fault is not null)
        {
            await Task.Delay(TimeSpan.FromSeconds(seconds / 3));
            await fault(cluster);
        }

        await Task.WhenAll(loops);

        var result = HistoryChecker.Check(workload.History.Ops, Bound.TotalMilliseconds);
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"consistency scenario={scenario} ops={result.Ops} violations={result.Violations.Count} max_staleness_ms={result.MaxStalenessMs:F1} bound_ms={Bound.TotalMilliseconds:F0}");
        output.WriteLine(line);
        output.WriteLine($"worst: {result.WorstCase ?? "none"}");
        Report(line);
        foreach (var violation in result.Violations.Take(20))
        {
            output.WriteLine(violation);
        }

        Assert.True(result.Ops > 100, $"the run did too little: {result.Ops} operations");
        Assert.Empty(result.Violations);
        Assert.True(result.MaxStalenessMs <= Bound.TotalMilliseconds, line);
    }

    private static void Configure(OrleansCache.Client.Providers.NearCacheOptions options)
    {
        options.StalenessBound = Bound;
        options.TimeToLive = TimeSpan.FromHours(1);
        options.NegativeTimeToLive = TimeSpan.FromMinutes(10);
    }

    internal static void Report(string line)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "OrleansCache.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            return;
        }

        var folder = Path.Combine(root.FullName, "TestResults");
        Directory.CreateDirectory(folder);
        lock (typeof(ConsistencyScenarioTests))
        {
            File.AppendAllLines(Path.Combine(folder, "consistency.txt"), [line]);
        }
    }

    /// <summary>Drops a share of events on a client's receive path, as a lossy network would.</summary>
    private sealed class RandomLoss(double share, int seed) : IEventReceiveHook
    {
        private readonly Random _random = new(seed);

        public bool Drop(EntityChanged changed)
        {
            lock (_random)
            {
                return _random.NextDouble() < share;
            }
        }
    }
}

/// <summary>Consistency scenarios start their own clusters; one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsistencyCollection
{
    public const string Name = "consistency";
}
