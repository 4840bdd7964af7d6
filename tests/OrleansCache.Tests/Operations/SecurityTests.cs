using OrleansCache.Changes;
using OrleansCache.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OrleansCache.Entities;
using OrleansCache.Grains;
using OrleansCache.Client.Hosting;
using OrleansCache.Grains.Hosting;
using OrleansCache.Grains.Providers;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;
using OrleansCache.Tests.Silo;

namespace OrleansCache.Tests.Operations;

/// <summary>Secured Redis and mutual TLS between silos and clients, on the real silo process.</summary>
[Trait("Category", "Process")]
[Collection(SiloProcessCollection.Name)]
public sealed class SecurityTests
{
    private const string RedisPassword = "pw-7f3a9c1e5b";

    [Theory]
    [InlineData(null, "no password is configured: set OrleansCache:Redis:Password")]
    [InlineData("wrong-pw-0d4e2", "refused the credentials: check OrleansCache:Redis:Password")]
    public async Task A_silo_without_the_redis_password_stops_at_start_with_a_message_naming_the_setting(string? password, string expected)
    {
        await using var redis = await RedisServer.StartAsync(RedisPassword);
        var arguments = RedisModeArguments(redis).ToList();
        if (password is not null)
        {
            arguments.Add($"--OrleansCache:Redis:Password={password}");
        }

        await using var silo = SiloProcess.Start([.. arguments]);
        await silo.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, silo.Process.ExitCode);
        Assert.Contains(expected, silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-pw-0d4e2", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_with_the_redis_password_starts_and_never_logs_it()
    {
        await using var redis = await RedisServer.StartAsync(RedisPassword);
        var gateway = RedisServer.FreePort();
        await using var silo = SiloProcess.Start(
        [
            .. RedisModeArguments(redis, gateway),
            $"--OrleansCache:Redis:Password={RedisPassword}",
            "--Logging:LogLevel:Orleans=Information",
            "--Logging:LogLevel:Microsoft=Information",
        ]);
        await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        using var client = await SiloClients.ConnectAsync(gateway, $"{redis.ConnectionString},password={RedisPassword}");
        var lake = EntityKey.Metalake("secured_redis");
        await client.Grains().GetEntityGrain(lake).Create(new MetalakePayload(), WriteOptions.Default);
        await client.StopAsync();

        await using var stored = await redis.ConnectAsync();
        Assert.Contains(stored.GetServers().Single().Keys(pattern: "*state*"), key => key.ToString().Contains("secured_redis", StringComparison.Ordinal));
        Assert.Contains("Redis mode", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(RedisPassword, silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_tls_on_only_a_client_with_a_trusted_certificate_can_call_grains()
    {
        using var certificates = new ClusterCertificates();
        var gateway = RedisServer.FreePort();
        await using var silo = SiloProcess.Start(
            $"--OrleansCache:GatewayPort={gateway}",
            $"--OrleansCache:SiloPort={RedisServer.FreePort()}",
            "--OrleansCache:Tls:Enabled=true",
            $"--OrleansCache:Tls:CertificatePath={certificates.ClusterPfx}",
            $"--OrleansCache:Tls:CertificatePassword={ClusterCertificates.Password}",
            $"--OrleansCache:Tls:TrustedCertificatePath={certificates.ClusterCer}");
        await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        var lake = EntityKey.Metalake("tls_test");

        using (var trusted = await SiloClients.ConnectAsync(gateway, configure: c => c.UseOrleansCacheTls(certificates.Client(certificates.ClusterPfx))))
        {
            await trusted.Grains().GetEntityGrain(lake).Create(new MetalakePayload { Comment = "over tls" }, WriteOptions.Default);
            Assert.Equal("over tls", (await trusted.Grains().GetEntityGrain(lake).Load()).Payload.Comment);
            await trusted.StopAsync();
        }

        // A certificate the cluster does not trust (it trusts the cluster, the cluster does not trust it).
        await AssertCannotCallAsync(gateway, lake, c => c.UseOrleansCacheTls(certificates.Client(certificates.StrangerPfx)));

        // No TLS at all.
        await AssertCannotCallAsync(gateway, lake, configure: null);
        Assert.Contains("ready in Embedded mode", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(ClusterCertificates.Password, silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_tls_on_silos_form_a_cluster_and_their_silo_port_refuses_an_untrusted_certificate()
    {
        using var certificates = new ClusterCertificates();
        await using var redis = await RedisServer.StartAsync();
        var (gateway, siloPort) = (RedisServer.FreePort(), RedisServer.FreePort());
        var tls = certificates.SiloArguments;
        await using var first = SiloProcess.Start([.. RedisModeArguments(redis, gateway, siloPort), .. tls]);
        await using var second = SiloProcess.Start([.. RedisModeArguments(redis), .. tls]);
        await Task.WhenAll(first.WaitUntilReadyAsync(TimeSpan.FromSeconds(90)), second.WaitUntilReadyAsync(TimeSpan.FromSeconds(90)));

        // Both silos are members, and entities spread over both are reached through one gateway:
        // the silos talk to each other, and they can only do so over TLS.
        using (var client = await SiloClients.ConnectAsync(gateway, redis.ConnectionString, c => c.UseOrleansCacheTls(certificates.Client(certificates.ClusterPfx))))
        {
            await Eventually.True(async () => (await client.Grains().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count == 2, "both silos are active members");
            var lakes = Enumerable.Range(0, 16).Select(i => EntityKey.Metalake($"tls_cluster_{i}")).ToList();
            foreach (var lake in lakes)
            {
                await client.Grains().GetEntityGrain(lake).Create(new MetalakePayload { Comment = lake.Identifier.Name }, WriteOptions.Default);
            }

            var statistics = await client.Grains().GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
            Assert.Equal(2, statistics.Where(s => lakes.Any(lake => s.GrainId.ToString().EndsWith(lake.ToGrainKey(), StringComparison.Ordinal))).Select(s => s.SiloAddress).Distinct().Count());
            await client.StopAsync();
        }

        Assert.True(await HandshakeAsync(siloPort, certificates.ClusterPfx, certificates.ClusterCer), "the silo port accepts the cluster's certificate");
        Assert.False(await HandshakeAsync(siloPort, certificates.StrangerPfx, certificates.ClusterCer), "the silo port accepts a certificate the cluster does not trust");
    }

    /// <summary>A raw TLS handshake with the silo port, presenting <paramref name="pfx"/>: whether both sides accepted.</summary>
    private static async Task<bool> HandshakeAsync(int port, string pfx, string trusted)
    {
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(pfx, ClusterCertificates.Password);
        using var cluster = X509CertificateLoader.LoadCertificateFromFile(trusted);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(System.Net.IPAddress.Loopback, port);
        await using var tlsStream = new System.Net.Security.SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, remote, _, _) => remote?.GetCertHashString() == cluster.GetCertHashString());
        try
        {
            await tlsStream.AuthenticateAsClientAsync(new System.Net.Security.SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                ClientCertificates = [certificate],
            }).WaitAsync(TimeSpan.FromSeconds(10));

            // TLS 1.3 reports a refused client certificate only after the handshake, as an alert
            // (or a closed connection) on the first read; an accepted client is left waiting for
            // the Orleans preamble, so the read times out.
            var buffer = new byte[1];
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            try
            {
                return await tlsStream.ReadAsync(buffer, wait.Token) > 0;
            }
            catch (OperationCanceledException)
            {
                return true;
            }
        }
        catch (Exception exception) when (exception is System.Security.Authentication.AuthenticationException or IOException)
        {
            return false;
        }
    }

    [Fact]
    public void Tls_and_redis_security_settings_are_validated_naming_the_setting()
    {
        var tls = new ClusterTlsOptionsValidator().Validate(null, new ClusterTlsOptions { Enabled = true, TrustedCertificatePath = "/no/such.cer" });
        var redis = new OrleansCacheSiloOptionsValidator().Validate(null, new OrleansCacheSiloOptions
        {
            Mode = StorageMode.Redis,
            Redis = new RedisSettings { ConnectionString = "localhost:6379", User = "app", TlsCaCertificatePath = "/no/such.pem" },
        });

        Assert.Contains("OrleansCache:Tls:CertificatePath is required", tls.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("OrleansCache:Tls:TrustedCertificatePath", tls.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("OrleansCache:Redis:Password is not", redis.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("OrleansCache:Redis:Tls is not true", redis.FailureMessage, StringComparison.Ordinal);
        Assert.True(new ClusterTlsOptionsValidator().Validate(null, new ClusterTlsOptions()).Succeeded);
    }

    [Fact]
    public void Password_user_and_tls_settings_win_over_the_connection_string()
    {
        var options = new RedisSettings { ConnectionString = "redis:6379,password=old", Password = "new", User = "app", Tls = true }.ToConfigurationOptions();

        Assert.Equal("new", options.Password);
        Assert.Equal("app", options.User);
        Assert.True(options.Ssl);
        Assert.DoesNotContain("new", options.ToString(includePassword: false), StringComparison.Ordinal);
    }

    private static async Task AssertCannotCallAsync(int gateway, EntityKey lake, Action<IClientBuilder>? configure)
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
            AssertRefusedByTheConnection(exception); // refused when connecting: the expected outcome
            return;
        }

        using (client)
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(() => client.Grains().GetEntityGrain(lake).Load().WaitAsync(TimeSpan.FromSeconds(30)));
            AssertRefusedByTheConnection(error);
        }
    }

    /// <summary>
    /// The refusal must come from the connection (a TLS handshake or a connection the gateway
    /// closed), not from anything else that happens to throw.
    /// </summary>
    private static void AssertRefusedByTheConnection(Exception error)
    {
        var chain = Chain(error).ToList();
        Assert.True(
            chain.Any(e => e is System.Security.Authentication.AuthenticationException or IOException or System.Net.Sockets.SocketException
                || e.GetType().Name is "ConnectionFailedException" or "ConnectionAbortedException" or "ConnectionResetException" or "SiloUnavailableException"),
            $"not a connection or TLS failure: {string.Join(" <- ", chain.Select(e => $"{e.GetType().FullName}: {e.Message}"))}");
    }

    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (Exception? current = error; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }

    private static IEnumerable<string> RedisModeArguments(RedisServer redis, int? gateway = null, int? siloPort = null) =>
    [
        "--OrleansCache:Mode=Redis",
        $"--OrleansCache:Redis:ConnectionString={redis.ConnectionString}",
        "--OrleansCache:AdvertisedIPAddress=127.0.0.1",
        $"--OrleansCache:GatewayPort={gateway ?? RedisServer.FreePort()}",
        $"--OrleansCache:SiloPort={siloPort ?? RedisServer.FreePort()}",
    ];
}
