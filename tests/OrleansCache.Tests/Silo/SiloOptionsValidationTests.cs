using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using OrleansCache.Grains.Hosting;
using OrleansCache.Grains.Providers;

namespace OrleansCache.Tests.Silo;

/// <summary>A bad or missing setting stops the silo with a message that names it.</summary>
[Trait("Category", "Unit")]
public sealed class SiloOptionsValidationTests
{
    [Theory]
    [InlineData("Mode=Redis", "OrleansCache:Redis:ConnectionString is required")]
    [InlineData("Mode=Redis;Redis:ConnectionString=,,,", "OrleansCache:Redis:ConnectionString")]
    [InlineData("GatewayPort=0", "OrleansCache:GatewayPort is 0; accepted: 1 to 65535")]
    [InlineData("SiloPort=70000", "OrleansCache:SiloPort is 70000")]
    [InlineData("SiloPort=30000", "they must differ")]
    [InlineData("AdvertisedIPAddress=not-an-ip", "OrleansCache:AdvertisedIPAddress")]
    [InlineData("ClusterId= ", "OrleansCache:ClusterId is required")]
    [InlineData("GrainCollectionAge=00:00:05", "OrleansCache:GrainCollectionAge")]
    public void Each_bad_setting_is_named_in_the_failure(string settings, string expected)
    {
        var configuration = Configuration(settings);
        var builder = new TestSiloBuilder();

        var error = Assert.Throws<OptionsValidationException>(() => builder.UseOrleansCache(configuration));

        Assert.Contains(error.Failures, failure => failure.Contains(expected, StringComparison.Ordinal));
        Assert.Empty(builder.Services);
    }

    [Fact]
    public void An_unknown_mode_is_refused_when_the_configuration_is_bound()
    {
        var configuration = Configuration("Mode=Memcached");

        Assert.ThrowsAny<InvalidOperationException>(() => new TestSiloBuilder().UseOrleansCache(configuration));
    }

    [Fact]
    public void The_defaults_are_valid_and_embedded()
    {
        var options = new OrleansCacheSiloOptions();

        Assert.True(new OrleansCacheSiloOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(StorageMode.Embedded, options.Mode);
        Assert.Equal(30000, options.GatewayPort);
    }

    [Theory]
    [InlineData(0, 32, "MaxPayloadBytes")]
    [InlineData(1024, 0, "CascadeParallelism")]
    public void Entity_grain_limits_are_validated(int maxPayload, int parallelism, string setting)
    {
        var result = new EntityGrainOptionsValidator().Validate(null, new EntityGrainOptions { MaxPayloadBytes = maxPayload, CascadeParallelism = parallelism });

        Assert.True(result.Failed);
        Assert.Contains($"OrleansCache:Entities:{setting}", result.FailureMessage, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(string settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Split(';').Select(pair => pair.Split('=', 2))
                .Select(parts => new KeyValuePair<string, string?>($"OrleansCache:{parts[0]}", parts[1])))
            .Build();

    private sealed class TestSiloBuilder : ISiloBuilder
    {
        public Microsoft.Extensions.DependencyInjection.IServiceCollection Services { get; } = new Microsoft.Extensions.DependencyInjection.ServiceCollection();

        public IConfiguration Configuration { get; } = new ConfigurationBuilder().Build();
    }
}
