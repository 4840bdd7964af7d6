using System.Globalization;
using OrleansCache.Tests.Origin;
using Xunit.Abstractions;

namespace OrleansCache.Tests.Consistency;

/// <summary>
/// The history checker in origin mode: the writer commits to PostgreSQL directly, two readers go
/// through their own clients, and the guarantees (monotonic reads, staleness within the bound from
/// the moment the change commits) must hold exactly as for writes through clients. Prints
/// <c>consistency scenario=origin ops=… violations=… max_staleness_ms=… bound_ms=…</c>.
/// </summary>
[Collection(ConsistencyCollection.Name)]
[Trait("Category", "Postgres")]
public sealed class OriginConsistencyTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Origin_changes_keep_the_guarantees_at_two_clients()
    {
        var seconds = double.Parse(Environment.GetEnvironmentVariable("CONSISTENCY_SECONDS") ?? "4", CultureInfo.InvariantCulture);
        var origin = new OriginFixture();
        await origin.InitializeAsync();
        try
        {
            var workload = new OriginWorkload(origin.Writer, Infrastructure.Payloads.Unique("cons"));
            await workload.SetUpAsync();
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            await Task.WhenAll(
                workload.WriteAsync(seed: 7, stop.Token),
                workload.ReadLoopAsync(origin.A.Cache, 1, seed: 101, stop.Token),
                workload.ReadLoopAsync(origin.B.Cache, 2, seed: 102, stop.Token));

            var result = HistoryChecker.Check(workload.History.Ops, Bound.TotalMilliseconds);
            var line = string.Create(
                CultureInfo.InvariantCulture,
                $"consistency scenario=origin ops={result.Ops} violations={result.Violations.Count} max_staleness_ms={result.MaxStalenessMs:F1} bound_ms={Bound.TotalMilliseconds:F0}");
            output.WriteLine(line);
            output.WriteLine($"worst: {result.WorstCase ?? "none"}");
            ConsistencyScenarioTests.Report(line);
            foreach (var violation in result.Violations.Take(20))
            {
                output.WriteLine(violation.ToString());
            }

            Assert.True(result.Ops > 100, $"the run did too little: {result.Ops} operations");
            Assert.Empty(result.Violations);
            Assert.True(result.MaxStalenessMs <= Bound.TotalMilliseconds, line);
        }
        finally
        {
            await origin.DisposeAsync();
        }
    }
}
