using Microsoft.Extensions.DependencyInjection;
using OrleansCache.Naming;

namespace OrleansCache.TestKit;

/// <summary>
/// A read-only look into one client's near cache, for assertions: what it holds and at which
/// version. Looking counts neither a hit nor a miss in the client's instruments.
/// </summary>
public sealed class NearCacheView
{
    private readonly Client.Caching.NearCache _cache;

    private NearCacheView(Client.Caching.NearCache cache) => _cache = cache;

    /// <summary>Entries held (found and not-found answers).</summary>
    public int Count => _cache.Count;

    /// <summary>The near cache of the client whose services are <paramref name="services"/>.</summary>
    /// <exception cref="InvalidOperationException">That client has no OrleansCache near cache.</exception>
    public static NearCacheView Of(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new NearCacheView(services.GetService<Client.Caching.NearCache>()
            ?? throw new InvalidOperationException("These services have no OrleansCache near cache: add the client with UseOrleansCache()."));
    }

    /// <summary>True when an answer for <paramref name="key"/> (found or not found) is held.</summary>
    public bool Holds(EntityKey key) => _cache.Peek(key) is not null;

    /// <summary>The version held for <paramref name="key"/>, or null when nothing or a not-found answer is held.</summary>
    public long? VersionOf(EntityKey key) => _cache.Peek(key)?.Record?.Version;
}
