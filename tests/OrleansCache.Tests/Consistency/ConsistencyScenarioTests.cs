using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OrleansCache.Client.Diagnostics;
using OrleansCache.Client.Events;
using OrleansCache.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansCache.Tests.Consistency;

/// <summary>
/// The history checker over fault scenarios, on real silos in Redis mode with independent
/// near-cache clients. Each prints one line:
/// <c>consistency scenario=… ops=… violations=… max_staleness_ms=… bound_ms=… dropped=… repaired=… failed_reads=…</c>
/// (also appended to TestResults/consistency.txt at the repository root). Each scenario runs for at
/// least CONSISTENCY_SECONDS (default 4), and past it until its fault has been proven to have
/// happened and every client has worked again after it.
/// </summary>
[Trait("Category", "Redis")]
[Collection(ConsistencyCollection.Name)]
public sealed class ConsistencyScenarioTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    // How long after a fault has been injected reads may still fail: the membership declares a
    // stopped silo dead after two missed probes of 1 s (LiveCluster), and a read retries within its
    // 2 s bound; the rest is margin for a loaded machine.
    private static readonly TimeSpan FailedReadsAfterFault = TimeSpan.FromSeconds(5);

    [Fact]
    public Task Normal_operation() => RunAsync(new Scenario("normal"));

    [Fact]
    public Task Ten_percent_of_events_lost() => RunAsync(new Scenario("drop10") { DropShare = 0.10 });

    [Fact]
    public Task Every_event_lost() => RunAsync(new Scenario("drop100") { DropShare = 1.0 });

    [Fact]
    public Task A_silo_killed_mid_run() => RunAsync(new Scenario("silo-kill") { Fault = KillBusiestSiloAsync });

    /// <summary>
    /// Reader 1 reaches the cluster through one gateway only; that silo dies and, once the reader
    /// has noticed, comes back on the same ports, so the reader loses its connection and reconnects.
    /// </summary>
    [Fact]
    public Task A_client_disconnected_and_reconnected_mid_run() => RunAsync(new Scenario("client-reconnect") { Fault = RestartReadersGatewayAsync });

    /// <summary>
    /// The checker's own live proof: readers that ignore every event and never reconcile keep
    /// serving what they first read. The checker must catch them.
    /// </summary>
    [Fact]
    public Task A_client_that_ignores_changes_is_caught() => RunAsync(new Scenario("broken-client") { DropShare = 1.0, Broken = true });

    private async Task RunAsync(Scenario scenario)
    {
        var seconds = double.Parse(Environment.GetEnvironmentVariable("CONSISTENCY_SECONDS") ?? "4", CultureInfo.InvariantCulture);
        await using var redis = await RedisServer.StartAsync();
        await using var cluster = await LiveCluster.StartAsync(redis, silos: scenario.Fault is null ? 2 : 3);
        var run = new ScenarioRun(cluster, scenario);
        await run.ConnectAsync(Configure);

        var workload = run.Workload;
        await workload.SetUpAsync(run.Writer.Cache);
        using var stop = new CancellationTokenSource();
        var started = History.Now;
        var loops = run.Start(stop.Token);

        double? faultStart = null, faultEnd = null;
        if (scenario.Fault is not null)
        {
            // The fault comes once the workload is in full swing, not after a guessed delay.
            await Eventually.True(() => NoLoopFailed(loops) && workload.History.Ops.Count(op => op.Start > started) >= 300, "the workload is running", TimeSpan.FromSeconds(60));
            faultStart = History.Now;
            await scenario.Fault(run);
            faultEnd = History.Now;
        }

        await Eventually.True(
            () => NoLoopFailed(loops) && History.Now - started >= seconds * 1000 && (faultEnd is not { } after || run.WorkedAfter(after)),
            "the run has lasted long enough and every client worked after the fault",
            TimeSpan.FromSeconds(seconds + 90));
        await stop.CancelAsync();
        await Task.WhenAll(loops);

        var result = HistoryChecker.Check(workload.History.Ops, Bound.TotalMilliseconds);
        var failedReads = workload.History.Ops.Where(op => op.Kind == OpKind.Read && !op.Succeeded).ToList();
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"consistency scenario={scenario.Name} ops={result.Ops} violations={result.Violations.Count} max_staleness_ms={result.MaxStalenessMs:F1} bound_ms={Bound.TotalMilliseconds:F0} dropped={run.Dropped} repaired={run.Repaired} failed_reads={failedReads.Count}");
        output.WriteLine(line);
        output.WriteLine($"worst: {result.WorstCase ?? "none"}");
        foreach (var (reader, i) in run.Readers.Select((reader, i) => (reader.Service<NearCacheMetrics>(), i + 1)))
        {
            output.WriteLine($"reader {i}: events={reader.EventsReceived} gaps={reader.Gaps} repaired={reader.Repairs} scope_flushes={reader.ScopeFlushes} reconnect_drops={reader.ReconnectDrops} hits={reader.Hits} misses={reader.Misses}");
        }

        Report(line);
        foreach (var violation in result.Violations.Take(20))
        {
            output.WriteLine(violation.ToString());
        }

        Assert.True(result.Ops > 100, $"the run did too little: {result.Ops} operations");
        if (scenario.Broken)
        {
            Assert.True(result.Violations.Count > 0, $"readers that ignore every change went unnoticed: {line}");
            Assert.Contains(result.Violations, violation => violation.Guarantee == Guarantee.BoundedStaleness);
            return;
        }

        Assert.Empty(result.Violations);
        Assert.True(result.MaxStalenessMs <= Bound.TotalMilliseconds, line);
        if (scenario.Fault is null)
        {
            var failed = workload.History.Ops.Where(op => !op.Succeeded).ToList();
            Assert.True(failed.Count == 0, $"{failed.Count} operations failed without a fault, first: {failed.FirstOrDefault()}");
        }

        if (faultStart is { } from && faultEnd is { } to)
        {
            // A read may fail only while the fault is on and the cluster settles after it.
            var outside = failedReads.Where(op => op.Start < from || op.Start > to + FailedReadsAfterFault.TotalMilliseconds).ToList();
            Assert.True(
                outside.Count == 0,
                string.Create(CultureInfo.InvariantCulture, $"{outside.Count} reads failed outside the fault window (injected from t={from:F1} to t={to:F1}, plus {FailedReadsAfterFault.TotalSeconds:F0} s), first: {outside.FirstOrDefault()}; {line}"));
        }

        if (scenario.DropShare > 0)
        {
            Assert.True(run.Dropped > 0, $"the loss hook dropped nothing: {line}");
            Assert.True(run.Repaired > 0, $"nothing lost was repaired from the change logs: {line}");
        }
        else if (scenario.Fault is null)
        {
            // With nothing lost, every change reached the readers by push alone.
            Assert.True(run.Repaired == 0, $"events were repaired from the log although none was lost: {line}");
        }
    }

    /// <summary>
    /// True while every loop runs; a loop that ended with an exception (an operation failed in a
    /// way the workload does not accept, such as an untyped error) fails the scenario at once, with
    /// that exception, instead of leaving it to time out.
    /// </summary>
    private static bool NoLoopFailed(List<Task> loops)
    {
        if (loops.FirstOrDefault(loop => loop.IsFaulted) is { } failed)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failed.Exception!.InnerException ?? failed.Exception);
        }

        return true;
    }

    /// <summary>Kills the silo that hosts the most of the workload's grains, and proves it hosted some.</summary>
    private static async Task KillBusiestSiloAsync(ScenarioRun run)
    {
        var metalake = run.Workload.Metalake.Identifier.Levels[0];
        var (silo, hosted) = await run.Cluster.BusiestSiloAsync(id => id.Contains(metalake, StringComparison.Ordinal));
        Assert.True(hosted > 0, "the silo to kill hosts none of the workload's grains");
        await run.Cluster.KillSiloAsync(silo);
    }

    /// <summary>Kills reader 1's only gateway, waits until the reader has noticed, and starts it again on the same ports.</summary>
    private static async Task RestartReadersGatewayAsync(ScenarioRun run)
    {
        var gateway = run.Cluster.Silos[0];
        var (siloPort, gatewayPort) = (run.Cluster.SiloPortOf(gateway), run.Cluster.GatewayOf(gateway).Port);
        var watcher = run.Readers[0].Service<ConnectionWatcher>();
        await run.Cluster.KillSiloAsync(gateway);
        await Eventually.True(() => watcher.Losses > 0, "reader 1 noticed it lost its gateway", TimeSpan.FromSeconds(60));
        await run.Cluster.StartSiloAsync(siloPort, gatewayPort);
        await Eventually.True(() => watcher.Recoveries > 0, "reader 1 reconnected", TimeSpan.FromSeconds(60));
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
}

/// <summary>What a scenario injects.</summary>
/// <param name="Name">The name printed on the result line.</param>
internal sealed record Scenario(string Name)
{
    /// <summary>The share of change events each reader loses on its receive path.</summary>
    public double DropShare { get; init; }

    /// <summary>Readers also never reconcile: they are broken, and the checker must say so.</summary>
    public bool Broken { get; init; }

    /// <summary>A fault injected mid-run; it returns once the fault has happened.</summary>
    public Func<ScenarioRun, Task>? Fault { get; init; }
}

/// <summary>Consistency scenarios start their own clusters; one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsistencyCollection
{
    public const string Name = "consistency";
}
