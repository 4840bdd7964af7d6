using OrleansCache.Client.Diagnostics;
using OrleansCache.Client.Providers;
using static OrleansCache.Tests.NearCacheUnit.NearCacheTestData;

namespace OrleansCache.Tests.NearCacheUnit;

/// <summary>The store stays bounded by <see cref="NearCacheOptions.MaxEntries"/> (approximately: BitFaster capacities are not exact).</summary>
[Trait("Category", "Unit")]
public sealed class CapacityTests
{
    [Theory]
    [InlineData(NearCacheStore.Lfu)]
    [InlineData(NearCacheStore.Lru)]
    public async Task A_thousand_inserts_into_sixteen_slots_stay_bounded(NearCacheStore store)
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics, o =>
        {
            o.Store = store;
            o.MaxEntries = 16;
        });

        for (var i = 0; i < 1_000; i++)
        {
            cache.Fill(Table(i), Found(Table(i), 1));
        }

        // ConcurrentLfu trims in buffered maintenance; give it time rather than assume it is synchronous.
        var bounded = await Eventually(() => cache.Count <= 64, TimeSpan.FromSeconds(10));

        Assert.True(bounded, $"{cache.Count} entries held with MaxEntries 16");
        Assert.True(cache.Count > 0);
        Assert.Equal(1_000, metrics.Fills);
    }

    [Theory]
    [InlineData(NearCacheStore.Lru)]
    [InlineData(NearCacheStore.Lfu)]
    public void Eviction_is_counted(NearCacheStore store)
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics, o =>
        {
            o.Store = store;
            o.MaxEntries = 16;
        });

        for (var i = 0; i < 1_000; i++)
        {
            cache.PutWritten(Record(Table(i), 1));
        }

        Assert.True(metrics.Evictions >= 1_000 - 64, $"only {metrics.Evictions} evictions counted");
    }

    [Fact]
    public void Removal_by_an_event_is_not_counted_as_an_eviction()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics, o => o.Store = NearCacheStore.Lru);
        var key = Table(1);
        cache.Fill(key, Found(key, 1));

        cache.Apply(Event(key, OrleansCache.Events.ChangeKind.Altered, 2));
        cache.Distrust(scope: null);

        Assert.False(cache.Holds(key));
        Assert.Equal(0, metrics.Evictions);
    }
}
