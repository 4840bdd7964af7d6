using Microsoft.Extensions.Options;
using Orleans.Connections.Security;
using OrleansCache.Client.Hosting;
using OrleansCache.Entities;
using OrleansCache.Grains;
using OrleansCache.Grains.Hosting;
using OrleansCache.Grains.Providers;
using OrleansCache.Naming;
using OrleansCache.Security;
using OrleansCache.Tests.Infrastructure;
using OrleansCache.Tests.Silo;

namespace OrleansCache.Tests.Operations;

/// <summary>
/// Secure by default: in Redis mode a silo whose gateway listens on every address starts only with
/// mutual TLS, or when an open gateway is allowed explicitly (and then says so loudly).
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class GatewayExposureTests
{
    [Fact]
    [Trait("Category", "Process")]
    public async Task An_open_unencrypted_gateway_is_refused_at_start_naming_the_setting_that_allows_it()
    {
        await using var silo = SiloProcess.Start(
            "--OrleansCache:Mode=Redis",
            "--OrleansCache:Redis:ConnectionString=127.0.0.1:1",
            $"--OrleansCache:GatewayPort={RedisServer.FreePort()}",
            $"--OrleansCache:SiloPort={RedisServer.FreePort()}");
        await silo.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, silo.Process.ExitCode);
        Assert.Contains("listens on every address without TLS", silo.Output, StringComparison.Ordinal);
        Assert.Contains("OrleansCache:AllowInsecureGateway=true", silo.Output, StringComparison.Ordinal);
        Assert.Contains("OrleansCache:Tls:Enabled=true", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Process")]
    public async Task An_explicitly_allowed_open_gateway_starts_and_warns_loudly()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var silo = SiloProcess.Start(
            "--OrleansCache:Mode=Redis",
            $"--OrleansCache:Redis:ConnectionString={redis.ConnectionString}",
            "--OrleansCache:AllowInsecureGateway=true",
            $"--OrleansCache:GatewayPort={RedisServer.FreePort()}",
            $"--OrleansCache:SiloPort={RedisServer.FreePort()}");
        await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));

        Assert.Contains("INSECURE GATEWAY", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Process")]
    public async Task A_redis_mode_silo_with_mutual_tls_listens_on_every_address_and_refuses_a_client_without_a_trusted_certificate()
    {
        using var certificates = new ClusterCertificates();
        await using var redis = await RedisServer.StartAsync();
        var gateway = RedisServer.FreePort();
        await using var silo = SiloProcess.Start(
        [
            "--OrleansCache:Mode=Redis",
            $"--OrleansCache:Redis:ConnectionString={redis.ConnectionString}",
            $"--OrleansCache:GatewayPort={gateway}",
            $"--OrleansCache:SiloPort={RedisServer.FreePort()}",
            .. certificates.SiloArguments,
        ]);
        await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        var lake = EntityKey.Metalake("intruder");

        // The gateway listens on every address, loopback included: clients reach it at 127.0.0.1.
        await AssertRefusedAsync(gateway, lake, configure: null);
        await AssertRefusedAsync(gateway, lake, c => c.UseOrleansCacheTls(certificates.Client(certificates.StrangerPfx)));
        using (var trusted = await SiloClients.ConnectAsync(gateway, configure: c => c.UseOrleansCacheTls(certificates.Client(certificates.ClusterPfx))))
        {
            Assert.False(await trusted.Grains().GetEntityGrain(lake).Exists());
            await trusted.StopAsync();
        }

        Assert.DoesNotContain("INSECURE GATEWAY", silo.Output, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Category", "Unit")]
    [InlineData(StorageMode.Redis, null, false, RemoteCertificateMode.RequireCertificate, true)]
    [InlineData(StorageMode.Redis, "10.1.2.3", false, RemoteCertificateMode.RequireCertificate, true)]
    [InlineData(StorageMode.Redis, "10.1.2.3", true, RemoteCertificateMode.AllowCertificate, true)]
    [InlineData(StorageMode.Redis, "10.1.2.3", true, RemoteCertificateMode.RequireCertificate, false)]
    [InlineData(StorageMode.Redis, "127.0.0.1", false, RemoteCertificateMode.RequireCertificate, false)]
    [InlineData(StorageMode.Embedded, null, false, RemoteCertificateMode.RequireCertificate, false)]
    public void The_gateway_is_open_when_it_listens_beyond_loopback_without_mutual_tls(StorageMode mode, string? advertised, bool tls, RemoteCertificateMode clients, bool open)
    {
        var options = new OrleansCacheSiloOptions { Mode = mode, AdvertisedIPAddress = advertised };
        var security = new ClusterTlsOptions { Enabled = tls, ClientCertificateMode = clients };

        Assert.Equal(open, GatewayExposure.Problem(options, security) is not null);
        if (open)
        {
            Assert.Throws<OptionsValidationException>(() => GatewayExposure.Check(options, security));
            options.AllowInsecureGateway = true;
        }

        GatewayExposure.Check(options, security);
    }

    private static async Task AssertRefusedAsync(int gateway, EntityKey lake, Action<IClientBuilder>? configure)
    {
        Microsoft.Extensions.Hosting.IHost client;
        try
        {
            client = await SiloClients.ConnectAsync(gateway, configure: c =>
            {
                // Give up at the first refused connection instead of retrying until a timeout.
                c.UseConnectionRetryFilter((_, _) => Task.FromResult(false));
                c.Configure<Orleans.Configuration.ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
                configure?.Invoke(c);
            });
        }
        catch (Exception exception) when (exception is not TimeoutException)
        {
            return; // refused when connecting
        }

        using (client)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => client.Grains().GetEntityGrain(lake).Exists().WaitAsync(TimeSpan.FromSeconds(30)));
        }
    }
}
