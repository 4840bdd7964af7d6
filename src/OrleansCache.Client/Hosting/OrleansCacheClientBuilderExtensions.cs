using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansCache.Client.Caching;
using OrleansCache.Client.Diagnostics;
using OrleansCache.Client.Events;
using OrleansCache.Client.Preloading;
using OrleansCache.Client.Providers;
using OrleansCache.Events;
using OrleansCache.Streaming.Hosting;

namespace OrleansCache.Client.Hosting;

/// <summary>Adds OrleansCache to an Orleans client.</summary>
public static class OrleansCacheClientBuilderExtensions
{
    /// <summary>
    /// Adds the near cache, the change-stream subscriptions, connection watching, preloading and
    /// <see cref="IOrleansCacheClient"/>. Options come from the configuration section
    /// <c>OrleansCache:Client</c> and then <paramref name="configure"/>; they are validated when the
    /// host starts, and a bad one stops it with a message naming the setting. Configure clustering
    /// (localhost or Redis) on the same builder as usual.
    /// </summary>
    public static IClientBuilder UseOrleansCache(this IClientBuilder builder, Action<NearCacheOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddArrivalQueueStreams(ChangeStreams.ProviderName);

        var services = builder.Services;
        var options = services.AddOptions<NearCacheOptions>().Bind(builder.Configuration.GetSection(NearCacheOptions.SectionName));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NearCacheOptions>, NearCacheOptionsValidator>());
        services.TryAddSingleton<NearCacheMetrics>();
        services.TryAddSingleton(sp => new NearCache(sp.GetRequiredService<IOptions<NearCacheOptions>>().Value, sp.GetRequiredService<NearCacheMetrics>()));
        services.TryAddSingleton<ChangeSubscriptions>();
        services.TryAddSingleton<ConnectionWatcher>();
        services.AddSingleton<IClusterConnectionStatusObserver>(sp => sp.GetRequiredService<ConnectionWatcher>());
        services.TryAddSingleton<PayloadLimit>();
        services.TryAddSingleton<IOrleansCacheClient, OrleansCacheClient>();

        // Orleans gives up on a call no sooner than the client's own bound; a later Configure wins.
        services.AddOptions<ClientMessagingOptions>().Configure<IOptions<NearCacheOptions>>((messaging, cache) => messaging.ResponseTimeout = cache.Value.WriteTimeout);
        services.AddHostedService<Preloader>();
        services.AddHostedService<Reconciler>();
        return builder;
    }
}
