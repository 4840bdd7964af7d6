using Microsoft.Extensions.DependencyInjection;
using OrleansCache.Grains.Origins;
using OrleansCache.Origins;

namespace OrleansCache.Grains.Hosting;

/// <summary>Puts an origin behind the entity grains (origin mode).</summary>
public static class OrleansCacheOriginExtensions
{
    /// <summary>
    /// Makes the silo front <paramref name="origin"/>: entity misses read through to it, lists come
    /// from it, its change feed runs on exactly one silo of the cluster at a time, and client writes
    /// are refused with <see cref="Errors.ReadOnlyCacheException"/>. Every silo of a cluster must be
    /// configured with the same origin. Without this call the cache is standalone (its own store).
    /// </summary>
    public static ISiloBuilder AddOrleansCacheOrigin(this ISiloBuilder builder, Func<IServiceProvider, ICatalogOrigin> origin)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(origin);
        builder.Services.AddSingleton(origin);
        builder.Services.AddHostedService<OriginFeedKeeper>();
        return builder;
    }
}
