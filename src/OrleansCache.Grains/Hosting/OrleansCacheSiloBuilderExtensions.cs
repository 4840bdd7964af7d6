using OrleansCache.Security;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Persistence;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansCache.Events;
using OrleansCache.Streaming.Hosting;
using OrleansCache.Grains.Providers;
using OrleansCache.Grains.Usage;
using StackExchange.Redis;

namespace OrleansCache.Grains.Hosting;

/// <summary>Turns OrleansCache on in an Orleans silo.</summary>
public static class OrleansCacheSiloBuilderExtensions
{
    /// <summary>The section whose settings are bound onto Orleans' <see cref="ClusterMembershipOptions"/> (Redis mode).</summary>
    public const string MembershipSection = "OrleansCache:Membership";

    /// <summary>
    /// Configures the whole silo from the <c>OrleansCache</c> configuration section: cluster ids,
    /// endpoints, clustering and grain storage for the chosen <see cref="StorageMode"/>, and the
    /// entity grains. The settings are validated here, so a bad or missing one stops the silo before
    /// it starts, with a message that names it.
    /// </summary>
    /// <exception cref="OptionsValidationException">A setting is missing or invalid.</exception>
    public static ISiloBuilder UseOrleansCache(this ISiloBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        // Loaded now, not at start: the mode, ports, addresses and TLS decide which services and
        // endpoints the builder gets. Everything else is bound and validated at start (below).
        var options = OrleansCacheConfiguration.Load(configuration, OrleansCacheSiloOptions.SectionName, new OrleansCacheSiloOptionsValidator());
        var tls = OrleansCacheConfiguration.Load(configuration, ClusterTlsOptions.SectionName, new ClusterTlsOptionsValidator());
        GatewayExposure.Check(options, tls);
        if (GatewayExposure.Problem(options, tls) is { } insecure)
        {
            builder.Services.AddHostedService(sp => new InsecureGatewayWarning(insecure, sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<InsecureGatewayWarning>>()));
        }

        // The method is handed its configuration, which need not be the host's: bind from it.
        builder.Services.AddOptions<OrleansCacheSiloOptions>().Bind(configuration.GetSection(OrleansCacheSiloOptions.SectionName)).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OrleansCacheSiloOptions>, OrleansCacheSiloOptionsValidator>());
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);
        if (tls.Enabled)
        {
            builder.UseOrleansCacheTls(tls);
        }

        builder.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ServiceId;
        });
        builder.Configure<GrainCollectionOptions>(collection => collection.CollectionAge = options.GrainCollectionAge);

        if (options.Mode == StorageMode.Redis)
        {
            var redis = options.Redis.ToConfigurationOptions();
            var advertised = options.AdvertisedIPAddress is { } text ? IPAddress.Parse(text) : null;
            builder.ConfigureEndpoints(advertised ?? FirstNonLoopbackAddress(), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: !GatewayExposure.IsLoopbackOnly(options));
            builder.Configure<ClusterMembershipOptions>(membership =>
            {
                // Declare a lost silo dead in seconds, not the default ~15: until then calls to its
                // grains are refused. Overridable under OrleansCache:Membership (Orleans' names).
                membership.ProbeTimeout = TimeSpan.FromSeconds(2);
                membership.NumMissedProbesLimit = 2;
            });
            builder.Services.AddOptions<ClusterMembershipOptions>().Bind(configuration.GetSection(MembershipSection));
            builder.UseRedisClustering(clustering => clustering.ConfigurationOptions = redis.Clone());
            builder.AddOrleansCacheRedisStorage(redis, options.Redis.WaitForReplicas, options.Redis.WaitForReplicasTimeout);
            builder.AddOrleansCacheWarmUp(redis);
            builder.Services.AddOptions<WarmUpOptions>().Bind(configuration.GetSection(WarmUpOptions.SectionName));
        }
        else
        {
            builder.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
            builder.AddOrleansCacheMemoryStorage();
        }

        builder.Services.AddOptions<EntityGrainOptions>().Bind(configuration.GetSection(EntityGrainOptions.SectionName));

        // Loaded now: the number of queues and their poll period shape the stream provider.
        var streams = OrleansCacheConfiguration.Load(configuration, ChangeStreamOptions.SectionName, new ChangeStreamOptionsValidator());
        return builder.AddOrleansCacheGrains(streams);
    }

    /// <summary>
    /// Registers what the entity grains need: options and validators, the clock, and the change
    /// streams (arrival-queue streams named <see cref="ChangeStreams.ProviderName"/>, delivered as they arrive). Grain storage named
    /// <see cref="OrleansCacheStorage.Name"/> and the stream subscription store must be added
    /// separately (<see cref="AddOrleansCacheRedisStorage(ISiloBuilder, ConfigurationOptions)"/> or <see cref="AddOrleansCacheMemoryStorage"/>).
    /// </summary>
    /// <exception cref="OptionsValidationException"><paramref name="streams"/> is invalid.</exception>
    public static ISiloBuilder AddOrleansCacheGrains(this ISiloBuilder builder, ChangeStreamOptions? streams = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        streams ??= new ChangeStreamOptions();
        var result = new ChangeStreamOptionsValidator().Validate(null, streams);
        if (result.Failed)
        {
            throw new OptionsValidationException(ChangeStreamOptions.SectionName, typeof(ChangeStreamOptions), result.Failures);
        }

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(new EntityUsage { Enabled = false });
        builder.Services.AddSingleton(Options.Create(streams));
        builder.Services.AddOptions<EntityGrainOptions>().ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EntityGrainOptions>, EntityGrainOptionsValidator>());
        builder.AddArrivalQueueStreams(ChangeStreams.ProviderName, streams.Queues, streams.PollPeriod);
        return builder;
    }

    /// <summary>
    /// Adds Redis grain storage for entity state. State is written with the Orleans serializer, whose
    /// format follows the <c>[Id]</c>/<c>[Alias]</c> attributes of the model rather than CLR type names,
    /// so renaming a type or namespace does not make stored data unreadable. Dropped entities are
    /// deleted from Redis, not left behind.
    /// </summary>
    public static ISiloBuilder AddOrleansCacheRedisStorage(this ISiloBuilder builder, ConfigurationOptions redis) =>
        builder.AddOrleansCacheRedisStorage(redis, waitForReplicas: 0, TimeSpan.FromSeconds(1));

    /// <summary>
    /// As <see cref="AddOrleansCacheRedisStorage(ISiloBuilder, ConfigurationOptions)"/>; with
    /// <paramref name="waitForReplicas"/> above 0, an entity write is acknowledged only once that many
    /// Redis replicas hold it (Redis <c>WAIT</c>, up to <paramref name="waitTimeout"/>), so it survives
    /// the loss of its master (Redis Cluster or replicated Redis with failover).
    /// </summary>
    public static ISiloBuilder AddOrleansCacheRedisStorage(this ISiloBuilder builder, ConfigurationOptions redis, int waitForReplicas, TimeSpan waitTimeout)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(redis);
        AddStableSerializer(builder.Services);
        IConnectionMultiplexer? connection = null;
        builder.AddRedisGrainStorage(OrleansCacheStorage.Name, storage =>
        {
            storage.ConfigurationOptions = redis.Clone();
            storage.DeleteStateOnClear = true;
            if (waitForReplicas > 0)
            {
                // WAIT must travel on the connection that carried the write: keep hold of it.
                storage.CreateMultiplexer = async options =>
                {
                    var created = await RedisStorageOptions.DefaultCreateMultiplexer(options);
                    connection = created.Multiplexer;
                    return created;
                };
            }
        });
        if (waitForReplicas > 0)
        {
            var registered = builder.Services.Last(d => d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, OrleansCacheStorage.Name));
            builder.Services.Remove(registered);
            builder.Services.AddKeyedSingleton<IGrainStorage>(OrleansCacheStorage.Name, (services, key) => new Storage.ReplicaAcknowledgedStorage(
                (IGrainStorage)registered.KeyedImplementationFactory!(services, key),
                () => connection,
                services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
                waitForReplicas,
                waitTimeout));
        }

        // Containers' child indexes live beside the state, with the same acknowledgement.
        builder.Services.AddSingleton<Children.IChildIndex>(services => new Children.RedisChildIndex(
            redis,
            services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            waitForReplicas,
            waitTimeout));

        // Stream subscriptions live in Redis too, so they survive the loss of a silo.
        builder.AddRedisGrainStorage(ChangeStreams.PubSubStorageName, storage =>
        {
            storage.ConfigurationOptions = redis.Clone();
            storage.DeleteStateOnClear = true;
        });
        return builder;
    }

    /// <summary>
    /// Keeps a usage record of entity reads in Redis and, when <see cref="WarmUpOptions.TopEntities"/>
    /// is above 0, activates the most read entities when the silo starts. The
    /// <see cref="WarmUpOptions"/> (set by <paramref name="configure"/> or bound by the caller) are
    /// validated when the host starts: an invalid one stops it with an <see cref="OptionsValidationException"/>.
    /// </summary>
    public static ISiloBuilder AddOrleansCacheWarmUp(this ISiloBuilder builder, ConfigurationOptions redis, Action<WarmUpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(redis);
        var options = builder.Services.AddOptions<WarmUpOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WarmUpOptions>, WarmUpOptionsValidator>());

        // One registration whichever of this and AddOrleansCacheGrains comes first.
        builder.Services.Replace(ServiceDescriptor.Singleton(new EntityUsage { Enabled = true }));
        builder.Services.AddSingleton(sp => new UsageRecord(
            sp.GetRequiredService<EntityUsage>(),
            sp.GetRequiredService<IOptions<WarmUpOptions>>(),
            redis,
            sp.GetRequiredService<IOptions<ClusterOptions>>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<UsageRecord>>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<UsageRecord>());
        builder.Services.AddSingleton<WarmUp>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WarmUp>());
        return builder;
    }

    /// <summary>Adds in-memory grain storage for entity state: not durable, for the embedded mode and tests.</summary>
    public static ISiloBuilder AddOrleansCacheMemoryStorage(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddStableSerializer(builder.Services);
        builder.AddMemoryGrainStorage(OrleansCacheStorage.Name);
        builder.Services.AddSingleton<Children.IChildIndex, Children.MemoryChildIndex>();
        builder.AddMemoryGrainStorage(ChangeStreams.PubSubStorageName);
        return builder;
    }

    private static void AddStableSerializer(IServiceCollection services) =>
        services.TryAddKeyedSingleton<IGrainStorageSerializer>(
            OrleansCacheStorage.Name,
            (provider, _) => new OrleansGrainStorageSerializer(provider.GetRequiredService<Serializer>()));

    private static IPAddress FirstNonLoopbackAddress()
    {
        var addresses = Dns.GetHostAddresses(Dns.GetHostName());
        return addresses.FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? IPAddress.Loopback;
    }
}
