using System.Diagnostics;
using OrleansCache.Client.Caching;
using OrleansCache.Client.Diagnostics;
using OrleansCache.Client.Providers;
using OrleansCache.Entities;
using OrleansCache.LoadGenerator;
using OrleansCache.Naming;

namespace OrleansCache.Benchmarks;

/// <summary>
/// Hit ratio of the near cache over each store under a Zipfian (s = 0.99) key choice, the skew of
/// catalog traffic (a few hot tables, a long tail), with a periodic scan of cold keys mixed in (a
/// batch job listing a whole schema).
/// </summary>
internal static class HitRatio
{
    public static void Run()
    {
        const int keyCount = 100_000;
        const int capacity = 10_000;
        const int requests = 2_000_000;
        var keys = Keys.Tables(keyCount);
        var zipf = new Zipf(keyCount, 0.99);
        var random = new Random(42);
        var sequence = Enumerable.Range(0, requests)
            .Select(i => i % 50 < 45 ? zipf.Rank(random) : (int)((long)i * 7919 % keyCount))
            .ToArray();
        Console.WriteLine($"hit-ratio keys={keyCount} capacity={capacity} requests={requests} zipf_s=0.99 scan_share=10%");
        foreach (var store in new[] { NearCacheStore.Lru, NearCacheStore.Lfu })
        {
            var metrics = new NearCacheMetrics();
            var cache = new NearCache(new NearCacheOptions { MaxEntries = capacity, Store = store }, metrics);
            var clock = Stopwatch.StartNew();
            foreach (var index in sequence)
            {
                var key = keys[index];
                if (!cache.TryGet(key, out _))
                {
                    var ticket = cache.BeginFill(key);
                    cache.CompleteFill(key, CacheEntry.Found(Record(key)), ticket);
                }
            }

            var ratio = (double)metrics.Hits / (metrics.Hits + metrics.Misses);
            Console.WriteLine($"hit-ratio store={store} hits={metrics.Hits} misses={metrics.Misses} ratio={ratio:F4} elapsed_ms={clock.ElapsedMilliseconds}");
        }
    }

    private static EntityRecord Record(EntityKey key) => new()
    {
        Key = key,
        Payload = new TablePayload(),
        Audit = AuditInfo.Created("bench", DateTimeOffset.UnixEpoch),
        Version = 1,
    };
}
