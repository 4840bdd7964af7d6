using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using BitFaster.Caching;
using BitFaster.Caching.Lfu;
using BitFaster.Caching.Lru;
using OrleansCache.Client.Caching;
using OrleansCache.Client.Diagnostics;
using OrleansCache.Client.Providers;
using OrleansCache.Entities;
using OrleansCache.Naming;
using ZiggyCreatures.Caching.Fusion;

namespace OrleansCache.Benchmarks;

/// <summary>
/// The near-cache hit path: raw stores side by side with the near cache over each of them, on the
/// same 10,000 keys, all present. Decides which BitFaster store backs the near cache, and compares
/// the hit with FusionCache's memory level (L1 only; its keys are strings, so it gets the keys'
/// precomputed string forms).
/// </summary>
[MemoryDiagnoser]
public class StoreHitBenchmarks : IDisposable
{
    private const int KeyCount = 10_000;
    private EntityKey[] _keys = [];
    private ConcurrentDictionary<EntityKey, CacheEntry> _dictionary = new();
    private ICache<EntityKey, CacheEntry> _lru = default!;
    private ICache<EntityKey, CacheEntry> _lfu = default!;
    private NearCache _nearLru = default!;
    private NearCache _nearLfu = default!;
    private FusionCache _fusion = default!;
    private string[] _fusionKeys = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _keys = Keys.Tables(KeyCount);
        var options = new NearCacheOptions { MaxEntries = KeyCount * 2 };
        var expiry = new EntryExpiry(options);
        _lru = new ConcurrentLruBuilder<EntityKey, CacheEntry>().WithCapacity(KeyCount * 2).WithExpireAfter(expiry).WithMetrics().Build();
        _lfu = new ConcurrentLfuBuilder<EntityKey, CacheEntry>().WithCapacity(KeyCount * 2).WithExpireAfter(expiry).Build();
        _nearLru = new NearCache(new NearCacheOptions { MaxEntries = KeyCount * 2, Store = NearCacheStore.Lru }, new NearCacheMetrics());
        _nearLfu = new NearCache(new NearCacheOptions { MaxEntries = KeyCount * 2, Store = NearCacheStore.Lfu }, new NearCacheMetrics());
        _fusion = new FusionCache(new FusionCacheOptions { DefaultEntryOptions = new FusionCacheEntryOptions { Duration = TimeSpan.FromHours(1) } });
        _fusionKeys = [.. _keys.Select(key => key.ToString())];
        foreach (var key in _keys)
        {
            var entry = CacheEntry.Found(new EntityRecord
            {
                Key = key,
                Payload = new TablePayload(),
                Audit = AuditInfo.Created("bench", DateTimeOffset.UnixEpoch),
                Version = 1,
            });
            _dictionary[key] = entry;
            _lru.AddOrUpdate(key, entry);
            _lfu.AddOrUpdate(key, entry);
            _nearLru.PutWritten(entry.Record!);
            _nearLfu.PutWritten(entry.Record!);
        }

        for (var i = 0; i < KeyCount; i++)
        {
            _fusion.Set(_fusionKeys[i], _dictionary[_keys[i]]);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _fusion?.Dispose();
        GC.SuppressFinalize(this);
    }

    private string NextFusionKey()
    {
        var i = _next + 1;
        _next = i == KeyCount ? 0 : i;
        return _fusionKeys[_next];
    }

    private EntityKey NextKey()
    {
        var i = _next + 1;
        _next = i == KeyCount ? 0 : i;
        return _keys[_next];
    }

    [Benchmark(Baseline = true)]
    public EntityRecord? ConcurrentDictionaryHit() => _dictionary.TryGetValue(NextKey(), out var e) ? e.Record : null;

    [Benchmark]
    public EntityRecord? BitFasterLruHit() => _lru.TryGet(NextKey(), out var e) ? e.Record : null;

    [Benchmark]
    public EntityRecord? BitFasterLfuHit() => _lfu.TryGet(NextKey(), out var e) ? e.Record : null;

    [Benchmark]
    public EntityRecord? NearCacheOverLruHit() => _nearLru.TryGet(NextKey(), out var e) ? e.Record : null;

    [Benchmark]
    public EntityRecord? NearCacheOverLfuHit() => _nearLfu.TryGet(NextKey(), out var e) ? e.Record : null;

    [Benchmark]
    public EntityRecord? FusionCacheMemoryHit()
    {
        var found = _fusion.TryGet<CacheEntry>(NextFusionKey());
        return found.HasValue ? found.Value.Record : null;
    }
}
