using System.Net;
using System.Net.Sockets;
using OrleansCache.Changes;
using OrleansCache.Entities;
using OrleansCache.Grains;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;
using OrleansCache.Tests.Silo;

namespace OrleansCache.Tests.Operations;

/// <summary>The silo's HTTP surface on a real process: probes, the Prometheus scrape and the dashboard.</summary>
[Trait("Category", "Process")]
[Collection(SiloProcessCollection.Name)]
public sealed class HealthTests
{
    [Fact]
    public async Task A_redis_mode_silo_answers_ready_only_once_it_has_joined_and_exposes_our_instruments()
    {
        await using var redis = await RedisServer.StartAsync();
        var gateway = RedisServer.FreePort();
        await using var silo = SiloProcess.Start(
            "--OrleansCache:Mode=Redis",
            $"--OrleansCache:Redis:ConnectionString={redis.ConnectionString}",
            "--OrleansCache:AdvertisedIPAddress=127.0.0.1",
            $"--OrleansCache:GatewayPort={gateway}",
            $"--OrleansCache:SiloPort={RedisServer.FreePort()}",
            "--OrleansCache:Telemetry:Prometheus=true");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        // Poll from the moment the process starts: until the silo has joined, readiness must say no.
        var answers = new List<(HttpStatusCode Status, string Body, bool SiloReportedReady)>();
        await Eventually.True(
            async () =>
            {
                var answer = await TryGetAsync(http, silo.Http("/health/ready"));
                if (answer is { } a)
                {
                    answers.Add((a.Status, a.Body, silo.Output.Contains("OrleansCache silo ready", StringComparison.Ordinal)));
                }

                return answer?.Status == HttpStatusCode.OK;
            },
            "the silo answers ready",
            TimeSpan.FromSeconds(90));

        Assert.True(answers.Count > 1, "readiness was never seen saying no while the silo joined");
        Assert.All(answers.SkipLast(1), a =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, a.Status);
            Assert.Contains("Unhealthy", a.Body, StringComparison.Ordinal);
        });
        Assert.Contains("joined the cluster", answers[^1].Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(silo.Http("/health/live"))).StatusCode);

        // Ready means usable: a client finds the silo through Redis membership and writes.
        using (var client = await SiloClients.ConnectAsync(gateway, redis.ConnectionString))
        {
            var lake = EntityKey.Metalake("health_test");
            await client.Grains().GetEntityGrain(lake).Create(new MetalakePayload(), WriteOptions.Default);
            Assert.Equal(1, (await client.Grains().GetEntityGrain(lake).Load()).Version);
            await client.StopAsync();
        }

        string metrics = string.Empty;
        await Eventually.True(
            async () =>
            {
                metrics = await http.GetStringAsync(silo.Http("/metrics"));
                return metrics.Contains("orleanscache_silo_events_published", StringComparison.Ordinal);
            },
            "the scrape shows the published event");
        Assert.Contains("orleanscache_silo_storage_write_duration_seconds_bucket", metrics, StringComparison.Ordinal);
        // Buckets in seconds (100 us to 10 s), not the exporter's millisecond defaults that put every write below 5 s.
        Assert.Matches("orleanscache_silo_storage_write_duration_seconds_bucket\\{[^}]*le=\"0.001\"", metrics);
        Assert.DoesNotMatch("orleanscache_silo_storage_write_duration_seconds_bucket\\{[^}]*le=\"25\"", metrics);
        Assert.Contains("orleanscache_silo_entity_reads", metrics, StringComparison.Ordinal);
        Assert.Contains("orleanscache_silo_entity_loads", metrics, StringComparison.Ordinal);
        Assert.Contains("orleans_", metrics, StringComparison.Ordinal);

        // Storage that stops answering takes the silo out of service while the process stays live.
        await redis.DisposeAsync();
        await Eventually.True(
            async () => await TryGetAsync(http, silo.Http("/health/ready")) is { Status: HttpStatusCode.ServiceUnavailable } a
                && a.Body.Contains("grain storage did not answer", StringComparison.Ordinal),
            "readiness says no once Redis is gone");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(silo.Http("/health/live"))).StatusCode);
    }

    [Fact]
    public async Task The_dashboard_when_enabled_listens_on_loopback_only_and_metrics_are_off_by_default()
    {
        var dashboardPort = RedisServer.FreePort();
        await using var silo = SiloProcess.Start(
            $"--OrleansCache:GatewayPort={RedisServer.FreePort()}",
            $"--OrleansCache:SiloPort={RedisServer.FreePort()}",
            "--OrleansCache:Dashboard:Enabled=true",
            $"--OrleansCache:Dashboard:Port={dashboardPort}");
        await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        var dashboard = await http.GetAsync(new Uri($"http://127.0.0.1:{dashboardPort}/"));
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("html", (await dashboard.Content.ReadAsStringAsync()).ToLowerInvariant(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(silo.Http("/"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(silo.Http("/metrics"))).StatusCode);
        Assert.DoesNotContain("not loopback", silo.Output, StringComparison.Ordinal);

        // From any other address, nothing listens on the dashboard port: 127.0.0.2 reaches this
        // machine on every Linux host (all of 127.0.0.0/8 is loopback) yet is not the address the
        // dashboard binds, and so does any non-loopback address the host has.
        var others = (await Dns.GetHostAddressesAsync(Dns.GetHostName()))
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            .Prepend(IPAddress.Parse("127.0.0.2"));
        foreach (var other in others)
        {
            using var socket = new TcpClient();
            await Assert.ThrowsAnyAsync<SocketException>(() => socket.ConnectAsync(other, dashboardPort));
        }
    }

    private static async Task<(HttpStatusCode Status, string Body)?> TryGetAsync(HttpClient http, Uri address)
    {
        try
        {
            using var response = await http.GetAsync(address);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException)
        {
            return null; // not listening yet
        }
    }
}
