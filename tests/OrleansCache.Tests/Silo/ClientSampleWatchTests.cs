using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Silo;

/// <summary>The command-line sample's <c>watch</c> as a newcomer uses it against the embedded silo.</summary>
[Trait("Category", "Process")]
[Collection(SiloProcessCollection.Name)]
public sealed class ClientSampleWatchTests
{
    [Fact]
    public async Task Watch_of_a_missing_metalake_or_a_deeper_name_says_why_and_subscribes_nothing()
    {
        var gateway = RedisServer.FreePort();
        await using var silo = SiloProcess.Start($"--OrleansCache:GatewayPort={gateway}", $"--OrleansCache:SiloPort={RedisServer.FreePort()}");
        await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));

        var (missing, missingOutput) = await RunAsync("watch", "nosuch", "--seconds", "1", "--gateway", $"{gateway}");
        var (deeper, deeperOutput) = await RunAsync("watch", "lake.sales", "--seconds", "1", "--gateway", $"{gateway}");

        Assert.True(missing == 1, $"exit {missing}: {missingOutput}");
        Assert.Contains("metalake 'nosuch' does not exist", missingOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("subscribed", missingOutput, StringComparison.Ordinal);
        Assert.True(deeper == 2, $"exit {deeper}: {deeperOutput}");
        Assert.Contains("watch takes a metalake", deeperOutput, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) =>
        ProgramRun.RunAsync(
            SiloProcess.SiloAssemblyPath()
                .Replace(Path.Combine("silo", "bin"), Path.Combine("client-sample", "bin"), StringComparison.Ordinal)
                .Replace("OrleansCache.Silo.dll", "orleanscache-sample.dll", StringComparison.Ordinal),
            arguments);
}
