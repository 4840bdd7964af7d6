using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using OrleansCache.Client;
using OrleansCache.Client.Caching;
using OrleansCache.Client.Diagnostics;
using OrleansCache.Client.Events;
using OrleansCache.Client.Providers;
using OrleansCache.Rest.Providers;

namespace OrleansCache.Rest.Caching;

/// <summary>
/// A .NET client's near cache, run in the silo process for the REST host: the same
/// <see cref="NearCache"/>, <see cref="ChangeSubscriptions"/> (one stream subscription and one
/// epoch/sequence cursor per metalake, gap repair from the change log) and <see cref="Reconciler"/>
/// (every metalake confirmed against its log at a quarter of the staleness bound, or what is held of
/// it dropped), over the silo's own cluster client. Its changes and distrusts reach the
/// <see cref="RenderedResponses"/>, so rendered bytes follow the near cache's rules with no cursor of
/// their own.
/// </summary>
internal sealed class RestNearCache : IHostedService, IDisposable
{
    private readonly NearCacheMetrics _metrics = new();
    private readonly Reconciler _reconciler;

    public RestNearCache(IServiceProvider services, IClusterClient cluster, Serializer serializer, RenderedResponses responses, IOptions<RestApiOptions> options, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value.ResponseCache;
        var near = Options.Create(new NearCacheOptions
        {
            MaxEntries = settings.MaxEntries,
            StalenessBound = settings.StalenessBound,

            // The REST API answers from the cluster or not at all: no last-known values.
            FailSafeMaxAge = TimeSpan.Zero,
        });
        Cache = new NearCache(near.Value, _metrics, responses);
        Subscriptions = new ChangeSubscriptions(services, Cache, _metrics, loggers.CreateLogger<ChangeSubscriptions>());
        Client = new OrleansCacheClient(cluster, serializer, Cache, Subscriptions, new PayloadLimit(serializer, near), near);
        _reconciler = new Reconciler(Subscriptions, near);
    }

    /// <summary>The near cache.</summary>
    public NearCache Cache { get; }

    /// <summary>The metalake subscriptions feeding it.</summary>
    public ChangeSubscriptions Subscriptions { get; }

    /// <summary>Reads through the near cache.</summary>
    public IOrleansCacheClient Client { get; }

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken) => _reconciler.StartAsync(cancellationToken);

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => _reconciler.StopAsync(cancellationToken);

    /// <inheritdoc/>
    public void Dispose()
    {
        _reconciler.Dispose();
        _metrics.Dispose();
    }
}
