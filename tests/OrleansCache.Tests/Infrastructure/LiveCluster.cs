using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using OrleansCache.Client;
using OrleansCache.Client.Hosting;
using OrleansCache.Client.Providers;
using OrleansCache.Grains.Hosting;

namespace OrleansCache.Tests.Infrastructure;

/// <summary>
/// Real silos in Redis mode, configured exactly as the silo program configures them
/// (<c>UseOrleansCache(configuration)</c>), talking over loopback TCP, plus independent clients
/// built with the client library. Silos can be stopped and new ones started against the same Redis.
/// </summary>
public sealed class LiveCluster : IAsyncDisposable
{
    private readonly List<IHost> _silos = [];
    private readonly List<IHost> _clients = [];
    private readonly Dictionary<IHost, int> _gatewayPorts = [];
    private readonly Dictionary<IHost, int> _siloPorts = [];

    private LiveCluster(RedisServer redis, string serviceId)
    {
        Redis = redis;
        ServiceId = serviceId;
    }

    /// <summary>The Redis the cluster keeps its membership and state in.</summary>
    public RedisServer Redis { get; }

    /// <summary>The Orleans service id (and cluster id).</summary>
    public string ServiceId { get; }

    /// <summary>The silos running now.</summary>
    public IReadOnlyList<IHost> Silos => _silos;

    /// <summary>Starts <paramref name="silos"/> silos against <paramref name="redis"/>.</summary>
    public static async Task<LiveCluster> StartAsync(RedisServer redis, int silos = 2, string? serviceId = null, Action<ISiloBuilder, IConfiguration>? configureSilo = null)
    {
        var cluster = new LiveCluster(redis, serviceId ?? Payloads.Unique("svc")) { ConfigureSilo = configureSilo };
        for (var i = 0; i < silos; i++)
        {
            await cluster.StartSiloAsync();
        }

        return cluster;
    }

    /// <summary>More silo configuration after <c>UseOrleansCache</c>, for every silo started from now on (for example an origin).</summary>
    public Action<ISiloBuilder, IConfiguration>? ConfigureSilo { get; set; }

    /// <summary>Settings every silo started from now on gets on top of the defaults (for example <c>OrleansCache:WarmUp:TopEntities</c>).</summary>
    public Dictionary<string, string?> ExtraSettings { get; } = [];

    /// <summary>Starts one more silo, on free ports unless given (a silo restarted where the old one was).</summary>
    public async Task<IHost> StartSiloAsync(int? siloPort = null, int? gatewayPort = null)
    {
        var settings = LoopbackSilo.Settings(
            Redis.ConnectionString, ServiceId, siloPort ?? RedisServer.FreePort(), gatewayPort ?? RedisServer.FreePort(), TimeSpan.FromMilliseconds(10));
        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        TestLogFile.AddTo(builder.Logging, $"silo:{settings["OrleansCache:GatewayPort"]}");
        builder.UseOrleans(silo =>
        {
            silo.UseOrleansCache(builder.Configuration);
            ConfigureSilo?.Invoke(silo, builder.Configuration);

            // Tests kill silos: let the survivors declare them dead quickly.
            silo.Configure<ClusterMembershipOptions>(membership =>
            {
                membership.ProbeTimeout = TimeSpan.FromSeconds(1);
                membership.NumMissedProbesLimit = 2;
                membership.NumVotesForDeathDeclaration = 1;
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        _silos.Add(host);
        _gatewayPorts[host] = int.Parse(settings["OrleansCache:GatewayPort"]!, CultureInfo.InvariantCulture);
        _siloPorts[host] = int.Parse(settings["OrleansCache:SiloPort"]!, CultureInfo.InvariantCulture);
        return host;
    }

    /// <summary>The silo-to-silo port of a silo.</summary>
    public int SiloPortOf(IHost silo) => _siloPorts[silo];

    /// <summary>The gateway endpoint of a silo.</summary>
    public System.Net.IPEndPoint GatewayOf(IHost silo) => new(System.Net.IPAddress.Loopback, _gatewayPorts[silo]);

    /// <summary>Kills a silo: no graceful hand-over, its activations just vanish (as with kill -9, within this process).</summary>
    public async Task KillSiloAsync(IHost silo)
    {
        _silos.Remove(silo);
        using var now = new CancellationTokenSource();
        await now.CancelAsync();
        try
        {
            await silo.StopAsync(now.Token);
        }
        catch (OperationCanceledException)
        {
            // Expected: the stop was cut short on purpose.
        }

        silo.Dispose();
    }

    /// <summary>The silo hosting the most activations whose grain id passes <paramref name="filter"/>, and how many it hosts.</summary>
    public async Task<(IHost Silo, int Hosted)> BusiestSiloAsync(Func<string, bool> filter)
    {
        var statistics = await _silos[0].Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return _silos
            .Select(silo => (silo, statistics.Count(s => s.SiloAddress == silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress && filter(s.GrainId.ToString()))))
            .MaxBy(pair => pair.Item2);
    }

    /// <summary>Stops a silo (gracefully, as SIGTERM would) and forgets it.</summary>
    public async Task StopSiloAsync(IHost silo)
    {
        _silos.Remove(silo);
        await silo.StopAsync();
        silo.Dispose();
    }

    /// <summary>Connects a new client with the OrleansCache client library.</summary>
    public async Task<TestClient> ConnectAsync(Action<NearCacheOptions>? configure = null, Action<IClientBuilder>? client = null, System.Net.IPEndPoint? gateway = null)
    {
        var extra = client;
        var calls = new GrainCallCounter();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        TestLogFile.AddTo(builder.Logging, $"client:{_clients.Count}");
        builder.UseOrleansClient(client =>
        {
            if (gateway is null)
            {
                client.UseRedisClustering(Redis.ConnectionString);
            }
            else
            {
                client.UseStaticClustering(gateway);
            }

            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = ServiceId;
                options.ServiceId = ServiceId;
            });
            client.Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
            client.AddOutgoingGrainCallFilter(context =>
            {
                calls.Record(context.InterfaceMethod.Name, context.TargetId.ToString());
                return context.Invoke();
            });
            client.UseOrleansCache(configure);
            extra?.Invoke(client);
        });
        var host = builder.Build();
        await host.StartAsync();
        _clients.Add(host);
        return new TestClient(host, calls);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var host in _clients.Concat(_silos).Reverse())
        {
            try
            {
                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await host.StopAsync(stop.Token);
            }
            catch (Exception)
            {
                // Best effort: the process ends after the tests anyway.
            }

            host.Dispose();
        }
    }
}

/// <summary>A client host, its <see cref="IOrleansCacheClient"/>, and the grain calls it made.</summary>
public sealed class TestClient(IHost host, GrainCallCounter calls)
{
    public IHost Host { get; } = host;

    public IOrleansCacheClient Cache { get; } = host.Services.GetRequiredService<IOrleansCacheClient>();

    public GrainCallCounter Calls { get; } = calls;

    public T Service<T>() where T : notnull => Host.Services.GetRequiredService<T>();
}

/// <summary>Counts the grain calls a client makes, by method and grain.</summary>
public sealed class GrainCallCounter
{
    private readonly ConcurrentDictionary<(string Method, string Grain), int> _counts = new();

    public void Record(string method, string grain) => _counts.AddOrUpdate((method, grain), 1, (_, n) => n + 1);

    public int Count(string method, string grainKeyPart) =>
        _counts.Where(pair => pair.Key.Method == method && pair.Key.Grain.Contains(grainKeyPart, StringComparison.Ordinal)).Sum(pair => pair.Value);
}
