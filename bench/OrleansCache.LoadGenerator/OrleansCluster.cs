using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using OrleansCache.Changes;
using OrleansCache.Client;
using OrleansCache.Client.Diagnostics;
using OrleansCache.Client.Hosting;
using OrleansCache.Client.Providers;
using OrleansCache.Grains.Hosting;
using OrleansCache.Rest.Hosting;
using OrleansCache.Testing;

namespace OrleansCache.LoadGenerator;

/// <summary>
/// Silos in Redis mode inside this process, configured as the silo program configures them
/// (<c>UseOrleansCache(configuration)</c>), on loopback ports, and clients built with the client library.
/// </summary>
internal sealed class OrleansCluster : IAsyncDisposable
{
    private readonly List<IHost> _hosts = [];
    private readonly string _redis;
    private readonly string _serviceId = $"bench{Environment.ProcessId}";

    private OrleansCluster(string redis) => _redis = redis;

    public IServiceProvider FirstSilo => _hosts[0].Services;

    /// <summary>The silo processes when the silos run as separate processes (<c>--silo-processes</c>), else null.</summary>
    public SiloProcesses? Processes { get; private set; }

    /// <summary>Silo programs as separate OS processes (the deployment shape); the clients stay in this process.</summary>
    public static async Task<OrleansCluster> StartProcessesAsync(string redis, int silos, TimeSpan pollPeriod)
    {
        var cluster = new OrleansCluster(redis);
        cluster.Processes = await SiloProcesses.StartAsync(redis, cluster._serviceId, silos, pollPeriod);
        return cluster;
    }

    public static async Task<OrleansCluster> StartAsync(string redis, int silos, TimeSpan pollPeriod, Action<ISiloBuilder>? configure = null)
    {
        var cluster = new OrleansCluster(redis);
        for (var i = 0; i < silos; i++)
        {
            var settings = cluster.SiloSettings(pollPeriod);
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection(settings);
            Quiet(builder.Logging);
            builder.UseOrleans(silo =>
            {
                silo.UseOrleansCache(builder.Configuration);
                configure?.Invoke(silo);
            });
            var host = builder.Build();
            await host.StartAsync();
            cluster._hosts.Add(host);
        }

        return cluster;
    }

    private Dictionary<string, string?> SiloSettings(TimeSpan pollPeriod)
    {
        var settings = LoopbackSilo.Settings(_redis, _serviceId, RedisServer.FreePort(), RedisServer.FreePort(), pollPeriod);
        settings["OrleansCache:Http:Port"] = RedisServer.FreePort().ToString(CultureInfo.InvariantCulture);
        return settings;
    }

    /// <summary>
    /// Starts one more silo in the cluster, hosted as the silo program hosts it (an ASP.NET Core
    /// application), with the REST API on a free loopback port; returns that port.
    /// </summary>
    public async Task<int> StartRestSiloAsync(TimeSpan pollPeriod)
    {
        if (Processes is not null)
        {
            // The first silo process already serves the API.
            return Processes.RestPort;
        }

        var port = RedisServer.FreePort();
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(new Microsoft.AspNetCore.Builder.WebApplicationOptions { Args = [] });
        builder.Configuration.AddInMemoryCollection(SiloSettings(pollPeriod));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["OrleansCache:Rest:Port"] = port.ToString(CultureInfo.InvariantCulture) });
        builder.Logging.ClearProviders();
        Quiet(builder.Logging);
        builder.UseOrleans(silo => silo.UseOrleansCache(builder.Configuration));
        builder.AddOrleansCacheRest();
        var app = builder.Build();
        app.MapOrleansCacheRest();
        await app.StartAsync();
        _hosts.Add(app);
        return port;
    }

    /// <summary>Connects a client; <paramref name="nearCache"/> false sends every read to the grain.</summary>
    public async Task<OrleansClient> ConnectAsync(bool nearCache, int maxEntries = 100_000)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        Quiet(builder.Logging);
        builder.UseOrleansClient(client =>
        {
            client.UseRedisClustering(_redis);
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = _serviceId;
                options.ServiceId = _serviceId;
            });
            client.UseOrleansCache(options =>
            {
                options.Enabled = nearCache;
                options.MaxEntries = Math.Max(maxEntries, 1000);
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        _hosts.Add(host);
        return new OrleansClient(host);
    }

    /// <summary>
    /// Stops a client a step no longer uses (unsubscribing it) and forgets it, so that disposing the
    /// cluster does not stop the disposed host a second time (which logs errors at the end of a run).
    /// </summary>
    public async Task ReleaseAsync(OrleansClient client)
    {
        _hosts.Remove(client.Host);
        await client.Host.StopAsync();
        client.Host.Dispose();
    }

    /// <summary>
    /// Errors only, and none from stream delivery: clients stopped between phases make the pulling
    /// agents log failed deliveries to them, which is expected here and would bury the results.
    /// </summary>
    private static void Quiet(ILoggingBuilder logging) =>
        logging.SetMinimumLevel(LogLevel.Error).AddFilter("Orleans.Streams", LogLevel.None).AddFilter("Orleans.Providers", LogLevel.None).AddSimpleConsole();

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            try
            {
                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await host.StopAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Best effort: the process ends right after.
            }

            host.Dispose();
        }

        if (Processes is not null)
        {
            await Processes.DisposeAsync();
        }
    }
}

/// <summary>One OrleansCache client as a <see cref="ICatalogStore"/>.</summary>
internal sealed class OrleansClient(IHost host) : ICatalogStore
{
    private long _touch;

    public IHost Host { get; } = host;

    public IOrleansCacheClient Cache { get; } = host.Services.GetRequiredService<IOrleansCacheClient>();

    public NearCacheMetrics Metrics { get; } = host.Services.GetRequiredService<NearCacheMetrics>();

    public async ValueTask<long> LoadAsync(int index) => (await Cache.LoadAsync(TableShape.Key(index))).Version;

    public async Task<long> AlterAsync(int index)
    {
        var touch = Interlocked.Increment(ref _touch).ToString(CultureInfo.InvariantCulture);
        var record = await Cache.AlterAsync(TableShape.Key(index), [new SetProperty("bench.touch", touch)]);
        return record.Version;
    }
}
