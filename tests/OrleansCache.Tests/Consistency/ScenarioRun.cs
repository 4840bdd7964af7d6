using Microsoft.Extensions.DependencyInjection;
using OrleansCache.Client.Diagnostics;
using OrleansCache.Client.Providers;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Consistency;

/// <summary>
/// One scenario's cluster, clients and workload: a writer (client 0) and <see cref="ReaderCount"/>
/// readers (clients 1 and up), each reader with its own fault hook when the scenario loses events.
/// </summary>
internal sealed class ScenarioRun(LiveCluster cluster, Scenario scenario)
{
    /// <summary>Readers per scenario.</summary>
    public const int ReaderCount = 3;

    /// <summary>Successful reads each reader, and writes the writer, must make after a fault.</summary>
    private const int ReadsAfterFault = 30;
    private const int WritesAfterFault = 5;

    private readonly List<FeedFaults> _feeds = [];

    public LiveCluster Cluster { get; } = cluster;

    public Workload Workload { get; } = new();

    public TestClient Writer { get; private set; } = null!;

    public List<TestClient> Readers { get; } = [];

    /// <summary>Events the readers' loss hooks dropped.</summary>
    public long Dropped => _feeds.Sum(feed => feed.Dropped);

    /// <summary>Missed events the readers recovered from change logs.</summary>
    public long Repaired => Readers.Sum(reader => reader.Service<NearCacheMetrics>().Repairs);

    /// <summary>Connects the writer and the readers; in the client-reconnect scenario reader 1 gets only the first silo as its gateway.</summary>
    public async Task ConnectAsync(Action<NearCacheOptions> configure)
    {
        var singleGateway = scenario.Name == "client-reconnect" ? Cluster.GatewayOf(Cluster.Silos[0]) : null;
        Writer = await Cluster.ConnectAsync(configure);
        for (var i = 0; i < ReaderCount; i++)
        {
            var feed = FeedFaults.Random(scenario.DropShare, seed: i);
            feed.SkipReconciliation = scenario.Broken;
            _feeds.Add(feed);
            Readers.Add(await Cluster.ConnectAsync(configure, feed.Register, gateway: i == 0 ? singleGateway : null));
        }
    }

    /// <summary>Starts the writer's and the readers' loops.</summary>
    public List<Task> Start(CancellationToken stop)
    {
        var loops = new List<Task> { Workload.WriteAsync(Writer.Cache, seed: 7, stop) };
        loops.AddRange(Readers.Select((reader, i) => Workload.ReadLoopAsync(reader.Cache, i + 1, seed: 100 + i, stop)));
        return loops;
    }

    /// <summary>Whether every reader read, and the writer wrote, successfully enough after <paramref name="moment"/>.</summary>
    public bool WorkedAfter(double moment)
    {
        var succeeded = Workload.History.Ops.Where(op => op.Succeeded && op.Start > moment).ToList();
        return succeeded.Count(op => op.Client == 0 && op.Kind != OpKind.Read) >= WritesAfterFault
            && Enumerable.Range(1, ReaderCount).All(client => succeeded.Count(op => op.Client == client && op.Kind == OpKind.Read) >= ReadsAfterFault);
    }
}
