using OrleansCache.Client.Diagnostics;
using OrleansCache.Events;
using OrleansCache.Naming;
using static OrleansCache.Tests.NearCacheUnit.NearCacheTestData;

namespace OrleansCache.Tests.NearCacheUnit;

/// <summary>Fail-safe memory: the last value read survives invalidation, scope flushes and connection loss, but not a drop.</summary>
[Trait("Category", "Unit")]
public sealed class FailSafeMemoryTests
{
    [Fact]
    public void A_value_read_then_invalidated_flushed_and_cleared_is_still_known()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics, o => o.FailSafeMaxAge = TimeSpan.FromMinutes(1));
        var key = EntityKey.Metalake("lake");

        cache.Fill(key, Found(key, 3));
        cache.Apply(Event(key, ChangeKind.Altered, 4));
        cache.Distrust(key);
        cache.Distrust(scope: null);

        Assert.False(cache.Holds(key));
        Assert.True(cache.TryGetLastKnown(key, TimeSpan.FromMinutes(1), out var known, out _));
        Assert.Equal(3, known.Version);
    }

    [Fact]
    public void A_dropped_entity_is_not_known_any_more()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics, o => o.FailSafeMaxAge = TimeSpan.FromMinutes(1));
        var key = EntityKey.Metalake("lake");

        cache.Fill(key, Found(key, 3));
        cache.Apply(Event(key, ChangeKind.Dropped, 4));

        Assert.False(cache.TryGetLastKnown(key, TimeSpan.FromMinutes(1), out _, out _));
    }

    [Fact]
    public void A_dropped_container_takes_what_was_known_under_it_but_a_distrusted_one_keeps_it()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics, o => o.FailSafeMaxAge = TimeSpan.FromMinutes(1));
        var catalog = EntityKey.Catalog("lake", "cat");
        var table = Table(1);
        var elsewhere = EntityKey.Table("lake", "cat2", "s", "t1");
        cache.Fill(table, Found(table, 2));
        cache.Fill(elsewhere, Found(elsewhere, 2));

        cache.Distrust(catalog);
        Assert.True(cache.TryGetLastKnown(table, TimeSpan.FromMinutes(1), out _, out _), "missed events do not make a value wrong");

        cache.Apply(Event(catalog, ChangeKind.Dropped, 5));
        Assert.False(cache.TryGetLastKnown(table, TimeSpan.FromMinutes(1), out _, out _), "a dropped container's entities never come back");
        Assert.True(cache.TryGetLastKnown(elsewhere, TimeSpan.FromMinutes(1), out _, out _));
    }
}
