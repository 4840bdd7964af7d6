using OrleansCache.Client.Diagnostics;
using OrleansCache.Client.Providers;
using OrleansCache.Naming;
using static OrleansCache.Tests.NearCacheUnit.NearCacheTestData;

namespace OrleansCache.Tests.NearCacheUnit;

/// <summary>Per-kind time-to-live: an entry stops being served once its kind's time is up.</summary>
[Trait("Category", "Unit")]
public sealed class ExpiryTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(NearCacheStore.Lfu)]
    [InlineData(NearCacheStore.Lru)]
    public async Task An_entry_of_a_kind_with_a_short_time_to_live_expires_and_others_stay(NearCacheStore store)
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics, o =>
        {
            o.Store = store;
            o.TimeToLive = TimeSpan.FromHours(1);
            o.TimeToLiveByKind[EntityKind.Table] = TimeSpan.FromSeconds(1);
        });
        var table = EntityKey.Table("lake", "c", "s", "t");
        var schema = EntityKey.Schema("lake", "c", "s");
        cache.Fill(table, Found(table, 1));
        cache.Fill(schema, Found(schema, 1));
        Assert.True(cache.Holds(table));

        var expired = await Eventually(() => !cache.Holds(table), Timeout);

        Assert.True(expired, $"the table entry was still served after {Timeout}");
        Assert.False(cache.TryGet(table, out _));
        Assert.True(cache.Holds(schema));
    }

    [Theory]
    [InlineData(NearCacheStore.Lfu)]
    [InlineData(NearCacheStore.Lru)]
    public async Task A_not_found_entry_expires_after_the_negative_time_to_live(NearCacheStore store)
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics, o =>
        {
            o.Store = store;
            o.TimeToLive = TimeSpan.FromHours(1);
            o.NegativeTimeToLive = TimeSpan.FromSeconds(1);
        });
        var missing = Table(1);
        var found = Table(2);
        cache.Fill(missing, Missing(missing));
        cache.Fill(found, Found(found, 1));
        Assert.True(cache.Holds(missing));

        var expired = await Eventually(() => !cache.Holds(missing), Timeout);

        Assert.True(expired, $"the not-found entry was still served after {Timeout}");
        Assert.True(cache.Holds(found));
    }
}
