using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansCache.Client;
using OrleansCache.Client.Hosting;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Client;

/// <summary>
/// <c>AddOrleansCacheClient</c>: one call connects a service from configuration alone, and a bad
/// connection setting stops it before anything starts, naming the setting.
/// </summary>
[Trait("Category", "Redis")]
[Collection(LiveClusterCollection.Name)]
public sealed class OneCallConnectionTests(LiveClusterFixture fixture)
{
    [Fact]
    public async Task A_service_configured_only_by_settings_finds_a_redis_mode_cluster_and_reads_through_it()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OrleansCache:Client:Cluster:RedisConnectionString"] = fixture.Redis.ConnectionString,
            ["OrleansCache:Client:Cluster:ClusterId"] = fixture.Cluster.ServiceId,
            ["OrleansCache:Client:Cluster:ServiceId"] = fixture.Cluster.ServiceId,
            ["OrleansCache:Client:MaxEntries"] = "1000",
        });
        builder.AddOrleansCacheClient();
        using var host = builder.Build();
        await host.StartAsync();
        var table = await fixture.A.Cache.CreateTableAsync();

        var catalog = host.Services.GetRequiredService<IOrleansCacheClient>();
        var read = await catalog.LoadAsync(table);
        await catalog.WatchAsync(EntityKey.Metalake(table.Identifier.Levels[0]));

        Assert.Equal(table, read.Key);
        Assert.Equal(1, catalog.CachedEntries);
        await host.StopAsync();
    }

    [Theory]
    [InlineData("Gateways:0", "localhost", "OrleansCache:Client:Cluster:Gateways has 'localhost'")]
    [InlineData("Gateways:0", "127.0.0.1:70000", "accepted: host:port with a port from 1 to 65535")]
    [InlineData("ClusterId", " ", "OrleansCache:Client:Cluster:ClusterId is blank")]
    [InlineData("RedisConnectionString", ",,,", "OrleansCache:Client:Cluster:RedisConnectionString")]
    public void A_bad_connection_setting_stops_the_service_before_it_is_built(string setting, string value, string expected)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [$"OrleansCache:Client:Cluster:{setting}"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => builder.AddOrleansCacheClient());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Redis_and_fixed_gateways_together_are_refused()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OrleansCache:Client:Cluster:RedisConnectionString"] = "127.0.0.1:6379",
            ["OrleansCache:Client:Cluster:Gateways:0"] = "127.0.0.1:30000",
        });

        var error = Assert.Throws<OptionsValidationException>(() => builder.AddOrleansCacheClient());

        Assert.Contains("set RedisConnectionString or Gateways, not both", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watching_the_root_is_refused_with_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.A.Cache.WatchAsync(EntityKey.Root));

        Assert.Contains("root belongs to no metalake", error.Message, StringComparison.Ordinal);
    }
}
