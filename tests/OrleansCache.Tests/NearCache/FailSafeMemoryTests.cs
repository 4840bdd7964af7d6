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
        cache.DropSubtree(key);
        cache.Clear();

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
}
