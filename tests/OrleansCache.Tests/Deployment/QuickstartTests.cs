using System.Diagnostics;
using OrleansCache.Tests.Infrastructure;
using OrleansCache.Tests.Silo;

namespace OrleansCache.Tests.Deployment;

/// <summary>
/// The README's "Using it from a service" program runs as printed: it is
/// samples/OrleansCache.Quickstart/Program.cs word for word, built from the packages alone
/// (scripts/test.sh builds it after packing), and run against a fresh embedded silo process.
/// </summary>
[Trait("Category", "Process")]
[Collection(SiloProcessCollection.Name)]
public sealed class QuickstartTests
{
    private static string RepositoryRoot => Directory.GetParent(Path.GetDirectoryName(SiloProcess.SiloAssemblyPath())!)!.Parent!.Parent!.Parent!.FullName;

    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    private static string Built => Path.Combine(RepositoryRoot, "samples", "OrleansCache.Quickstart", "bin", Configuration, "net10.0", "OrleansCache.Quickstart.dll");

    private static string ProgramPath => Path.Combine(RepositoryRoot, "samples", "OrleansCache.Quickstart", "Program.cs");

    [Fact]
    [Trait("Category", "Unit")]
    public void The_readme_prints_the_quickstart_program_word_for_word()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot, "README.md")).ReplaceLineEndings("\n");
        var program = File.ReadAllText(ProgramPath).ReplaceLineEndings("\n").TrimEnd();

        Assert.Contains($"```csharp\n{program}\n```", readme, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_quickstart_program_runs_against_a_fresh_embedded_silo_and_again()
    {
        var built = Built;
        Assert.True(File.Exists(built), $"The quickstart is not built at {built}: scripts/test.sh builds it from the packages after scripts/pack.sh.");
        var gateway = RedisServer.FreePort();
        await using var silo = SiloProcess.Start($"--OrleansCache:GatewayPort={gateway}", $"--OrleansCache:SiloPort={RedisServer.FreePort()}");
        await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));

        for (var run = 1; run <= 2; run++)
        {
            var (exitCode, output) = await ProgramRun.RunAsync(built, $"--OrleansCache:Client:Cluster:Gateways:0=127.0.0.1:{gateway}");

            Assert.True(exitCode == 0, $"run {run} exited {exitCode}:\n{output}");
            Assert.Contains("table 'lake.sales.orders.items' v", output, StringComparison.Ordinal);
            Assert.Contains("renamed to table 'lake.sales.orders.items_v2'", output, StringComparison.Ordinal);
            Assert.DoesNotContain("recovered", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Lost the connection", output, StringComparison.Ordinal); // the stop closes it on purpose
        }
    }

    [Theory]
    [InlineData("Gateways:0")]
    [InlineData("RedisConnectionString")]
    public async Task With_no_silo_the_quickstart_fails_within_its_connect_timeout_with_one_clear_error(string setting)
    {
        var built = Built;
        Assert.True(File.Exists(built), $"The quickstart is not built at {built}: scripts/test.sh builds it from the packages after scripts/pack.sh.");
        var nobody = RedisServer.FreePort();
        var clock = Stopwatch.StartNew();

        var (exitCode, output) = await ProgramRun.RunAsync(built, $"--OrleansCache:Client:Cluster:{setting}=127.0.0.1:{nobody}", "--OrleansCache:Client:Cluster:ConnectTimeout=00:00:03");

        Assert.NotEqual(0, exitCode);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60));
        Assert.Contains("ClusterUnavailableException", output, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{nobody}", output, StringComparison.Ordinal);
        Assert.Contains("OrleansCache:Client:Cluster", output, StringComparison.Ordinal);
    }
}
