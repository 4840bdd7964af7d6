using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansCache.Changes;
using OrleansCache.Entities;
using OrleansCache.Grains;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Silo;

/// <summary>The silo program as an operator runs it: a real process, configured from the command line.</summary>
[Trait("Category", "Process")]
[Collection(SiloProcessCollection.Name)]
public sealed class SiloHostTests
{
    [Fact]
    public async Task The_embedded_silo_accepts_clients_on_its_gateway_and_warns_that_data_is_not_durable()
    {
        var gateway = RedisServer.FreePort();
        var siloPort = RedisServer.FreePort();
        await using var silo = SiloProcess.Start(
            $"--OrleansCache:GatewayPort={gateway}",
            $"--OrleansCache:SiloPort={siloPort}");
        await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));

        using var client = await SiloClients.ConnectAsync(gateway);
        var grains = client.Services.GetRequiredService<IClusterClient>();
        var lake = EntityKey.Metalake("process_test");
        await grains.GetEntityGrain(lake).Create(new MetalakePayload { Comment = "hello" }, WriteOptions.Default);

        Assert.Equal("hello", (await grains.GetEntityGrain(lake).Load()).Payload.Comment);
        Assert.Contains("Embedded mode", silo.Output, StringComparison.Ordinal);
        Assert.Contains("LOST when the silo stops", silo.Output, StringComparison.Ordinal);
        await client.StopAsync();
    }

    [Fact]
    public async Task A_silo_in_redis_mode_without_a_connection_string_exits_naming_the_setting()
    {
        await using var silo = SiloProcess.Start("--OrleansCache:Mode=Redis");

        await silo.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, silo.Process.ExitCode);
        Assert.Contains("OrleansCache:Redis:ConnectionString is required", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_in_redis_mode_stores_state_in_redis_and_stops_cleanly_on_sigterm()
    {
        await using var redis = await RedisServer.StartAsync();
        var gateway = RedisServer.FreePort();
        var settings = new[]
        {
            "--OrleansCache:Mode=Redis",
            $"--OrleansCache:Redis:ConnectionString={redis.ConnectionString}",
            "--OrleansCache:AdvertisedIPAddress=127.0.0.1",
            $"--OrleansCache:GatewayPort={gateway}",
            $"--OrleansCache:SiloPort={RedisServer.FreePort()}",
        };
        var lake = EntityKey.Metalake("durable_process_test");
        await using (var silo = SiloProcess.Start(settings))
        {
            await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            using var client = await SiloClients.ConnectAsync(gateway, redis.ConnectionString);
            await client.Services.GetRequiredService<IClusterClient>().GetEntityGrain(lake).Create(new MetalakePayload(), WriteOptions.Default);
            await client.StopAsync();

            // SIGTERM, as Kubernetes sends it: the host shuts down and exits 0.
            silo.Terminate();
            await silo.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(0, silo.Process.ExitCode);
        }

        await using var restarted = SiloProcess.Start(settings);
        await restarted.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        using var again = await SiloClients.ConnectAsync(gateway, redis.ConnectionString);

        Assert.True(await again.Services.GetRequiredService<IClusterClient>().GetEntityGrain(lake).Exists());
        await again.StopAsync();
    }
}

/// <summary>Tests that start silo processes; run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SiloProcessCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "silo process";
}
