using System.Globalization;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Backplane.StackExchangeRedis;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace OrleansCache.LoadGenerator;

/// <summary>
/// One FusionCache instance as a <see cref="ICatalogStore"/>: memory L1, Redis L2 (JSON), Redis
/// backplane, default options otherwise. Instances with the same cache name see each other's
/// changes through the backplane. Alters read, bump the version and set (FusionCache has no single
/// writer: concurrent alters of one key may lose one; OrleansCache serializes them in the grain).
/// </summary>
internal sealed class FusionClient : ICatalogStore, IDisposable
{
    private readonly RedisCache _distributed;
    private long _touch;

    public FusionClient(string redis)
    {
        Cache = new FusionCache(new FusionCacheOptions
        {
            CacheName = "catalog",
            DefaultEntryOptions = new FusionCacheEntryOptions { Duration = TimeSpan.FromMinutes(10) },
        });
        _distributed = new RedisCache(new RedisCacheOptions { Configuration = redis });
        Cache.SetupDistributedCache(_distributed, new FusionCacheSystemTextJsonSerializer());
        Cache.SetupBackplane(new RedisBackplane(new RedisBackplaneOptions { Configuration = redis }));
    }

    public FusionCache Cache { get; }

    public static string Key(int index) => TableShape.Key(index).ToString();

    public async ValueTask<long> LoadAsync(int index)
    {
        var table = await Cache.GetOrDefaultAsync<FusionTable>(Key(index));
        return table?.Version ?? throw new InvalidOperationException($"{Key(index)} is not cached");
    }

    public async Task<long> AlterAsync(int index)
    {
        var key = Key(index);
        var current = await Cache.GetOrDefaultAsync<FusionTable>(key) ?? throw new InvalidOperationException($"{key} is not cached");
        var next = current.WithProperty("bench.touch", Interlocked.Increment(ref _touch).ToString(CultureInfo.InvariantCulture));
        await Cache.SetAsync(key, next);
        return next.Version;
    }

    public void Dispose()
    {
        Cache.Dispose();
        _distributed.Dispose();
    }
}
