using System.Diagnostics;

namespace OrleansCache.LoadGenerator;

/// <summary>What one YCSB-style workload run measured.</summary>
internal sealed record WorkloadResult(string Workload, double OpsPerSecond, Latencies Loads, Latencies Alters, long Errors)
{
    public double? HitRatio { get; init; }

    /// <summary>Alters that overwrote another alter's change (FusionCache has no single writer); null where that cannot happen.</summary>
    public long? LostUpdates { get; init; }
}

/// <summary>
/// YCSB core workloads on catalog entities: B = 95 % load / 5 % alter, C = 100 % load, A = 50/50,
/// Zipfian key choice, <c>workers</c> concurrent closed-loop workers for a fixed duration.
/// </summary>
internal static class Ycsb
{
    public static readonly (string Name, double LoadShare)[] Workloads = [("C", 1.0), ("B", 0.95), ("A", 0.5)];

    public static async Task<WorkloadResult> RunAsync(ICatalogStore store, string workload, double loadShare, Zipf zipf, int workers, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        var deadline = duration.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond;
        var runs = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var random = new Random(1000 + w);
            var loads = new Latencies();
            var alters = new Latencies();
            long errors = 0;
            var ops = 0;
            while (clock.ElapsedTicks < deadline)
            {
                var index = zipf.Next(random);
                var isLoad = loadShare >= 1.0 || random.NextDouble() < loadShare;
                var start = Stopwatch.GetTimestamp();
                try
                {
                    if (isLoad)
                    {
                        await store.LoadAsync(index);
                    }
                    else
                    {
                        await store.AlterAsync(index);
                    }
                }
#pragma warning disable CA1031 // A failed operation is counted, the run goes on.
                catch (Exception)
#pragma warning restore CA1031
                {
                    errors++;
                    continue;
                }

                (isLoad ? loads : alters).Add(Stopwatch.GetTimestamp() - start);

                // Near-cache hits complete synchronously: let other work (event delivery, grain
                // replies) have the thread now and then, as a real service's request loop would.
                if (++ops % 256 == 0)
                {
                    await Task.Yield();
                }
            }

            return (loads, alters, errors);
        })).ToArray();
        var results = await Task.WhenAll(runs);
        var elapsed = clock.Elapsed.TotalSeconds;
        var allLoads = new Latencies();
        var allAlters = new Latencies();
        foreach (var (loads, alters, _) in results)
        {
            allLoads.AddRange(loads);
            allAlters.AddRange(alters);
        }

        var total = allLoads.Count + allAlters.Count;
        return new WorkloadResult(workload, total / elapsed, allLoads, allAlters, results.Sum(r => r.errors));
    }
}
