using OrleansCache.Grains.Providers;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Silo;

/// <summary>GrainCollectionAge follows Orleans' own rule (more than the one-minute collection quantum), checked before Orleans would crash on it.</summary>
[Collection(SiloProcessCollection.Name)]
public sealed class CollectionAgeTests
{
    [Fact]
    [Trait("Category", "Process")]
    public async Task A_collection_age_of_one_minute_stops_the_silo_with_exit_code_2_naming_the_setting()
    {
        await using var silo = SiloProcess.Start(
            "--OrleansCache:GrainCollectionAge=00:01:00",
            $"--OrleansCache:GatewayPort={RedisServer.FreePort()}",
            $"--OrleansCache:SiloPort={RedisServer.FreePort()}");
        await silo.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, silo.Process.ExitCode);
        Assert.Contains("OrleansCache:GrainCollectionAge is 00:01:00; accepted: more than 00:01:00", silo.Output, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Category", "Unit")]
    [InlineData("00:01:00", false)]
    [InlineData("00:01:01", true)]
    [InlineData("00:15:00", true)]
    public void The_age_must_exceed_the_collection_quantum(string age, bool valid)
    {
        var options = new OrleansCacheSiloOptions { GrainCollectionAge = TimeSpan.Parse(age, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Equal(valid, new OrleansCacheSiloOptionsValidator().Validate(null, options).Succeeded);
    }
}
