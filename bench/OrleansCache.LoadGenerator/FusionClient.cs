using System.Collections.Concurrent;
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
    private readonly ConcurrentDictionary<(string Key, long Version), byte> _written = new();
    private long _touch;
    private long _lostUpdates;

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

    /// <summary>
    /// Alters whose version another alter of this instance had already written: both read the same
    /// version, both wrote the next, and one of the two changes is gone.
    /// </summary>
    public long LostUpdates => Interlocked.Read(ref _lostUpdates);

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
        if (!_written.TryAdd((key, next.Version), 0))
        {
            Interlocked.Increment(ref _lostUpdates);
        }

        return next.Version;
    }

    public void Dispose()
    {
        Cache.Dispose();
        _distributed.Dispose();
    }
}
