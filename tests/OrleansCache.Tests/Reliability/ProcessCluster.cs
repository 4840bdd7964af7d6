using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using OrleansCache.Client;
using OrleansCache.Client.Hosting;
using OrleansCache.Client.Providers;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Reliability;

/// <summary>
/// Silo programs (real processes) in Redis mode on loopback with the product's defaults, and
/// OrleansCache clients that find them through Redis, as a service would.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private readonly List<SiloProcess> _silos = [];
    private readonly List<IHost> _clients = [];
    private readonly Dictionary<IOrleansCacheClient, IServiceProvider> _services = [];

    private ProcessCluster(RedisServer redis) => Redis = redis;

    /// <summary>The Redis holding membership and state.</summary>
    public RedisServer Redis { get; }

    /// <summary>The silo processes started, in order (killed ones included).</summary>
    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>Starts Redis and <paramref name="silos"/> silo processes, and waits until all report ready.</summary>
    public static async Task<ProcessCluster> StartAsync(int silos, params string[] extraArguments)
    {
        var cluster = new ProcessCluster(await RedisServer.StartAsync());
        var started = Enumerable.Range(0, silos).Select(_ => cluster.StartSilo(extraArguments)).ToList();
        await Task.WhenAll(started.Select(silo => silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(120))));
        return cluster;
    }

    /// <summary>The arguments of a Redis-mode silo on free loopback ports (or the given ones).</summary>
    public string[] SiloArguments(int? siloPort = null, int? gatewayPort = null) =>
    [
        "--OrleansCache:Mode=Redis",
        $"--OrleansCache:Redis:ConnectionString={Redis.ConnectionString}",
        "--OrleansCache:AdvertisedIPAddress=127.0.0.1",
        $"--OrleansCache:SiloPort={siloPort ?? RedisServer.FreePort()}",
        $"--OrleansCache:GatewayPort={gatewayPort ?? RedisServer.FreePort()}",
    ];

    /// <summary>Starts one more silo process (not waiting for it).</summary>
    public SiloProcess StartSilo(params string[] extraArguments)
    {
        var silo = SiloProcess.Start([.. SiloArguments(), .. extraArguments]);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>Starts a silo process with exactly these arguments (not waiting for it).</summary>
    public SiloProcess StartSiloWith(string[] arguments)
    {
        var silo = SiloProcess.Start(arguments);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>Connects an OrleansCache client through Redis membership, with the client library's defaults unless <paramref name="configure"/> changes them.</summary>
    public async Task<IOrleansCacheClient> ConnectAsync(Action<NearCacheOptions>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.UseRedisClustering(Redis.ConnectionString);
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = "orleanscache";
                options.ServiceId = "orleanscache";
            });
            client.Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
            client.UseOrleansCache(configure);
        });
        var host = builder.Build();
        await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        _clients.Add(host);
        var cache = host.Services.GetRequiredService<IOrleansCacheClient>();
        _services[cache] = host.Services;
        return cache;
    }

    /// <summary>A client's services (its near cache, its metrics).</summary>
    public T ServiceOf<T>(IOrleansCacheClient client) where T : notnull => _services[client].GetRequiredService<T>();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            try
            {
                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.StopAsync(stop.Token);
            }
            catch (Exception)
            {
                // Best effort: the silos go next anyway.
            }

            client.Dispose();
        }

        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        await Redis.DisposeAsync();
    }
}
