using OrleansCache.Client.Diagnostics;
using static OrleansCache.Tests.NearCacheUnit.NearCacheTestData;

namespace OrleansCache.Tests.NearCacheUnit;

/// <summary>Hits and misses are counted by <c>TryGet</c> only.</summary>
[Trait("Category", "Unit")]
public sealed class MetricsTests
{
    [Fact]
    public void TryGet_counts_a_miss_then_a_hit()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics);
        var key = Table(1);

        Assert.False(cache.TryGet(key, out _));
        Assert.Equal(0, metrics.Hits);
        Assert.Equal(1, metrics.Misses);

        cache.Fill(key, Found(key, 1));
        Assert.True(cache.TryGet(key, out var entry));
        Assert.True(cache.TryGet(key, out _));

        Assert.Equal(1, entry.Version);
        Assert.Equal(2, metrics.Hits);
        Assert.Equal(1, metrics.Misses);
        Assert.Equal(1, metrics.Fills);
    }

    [Fact]
    public void Holds_counts_neither_hit_nor_miss()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics);
        var held = Table(1);
        cache.Fill(held, Found(held, 1));

        Assert.True(cache.Holds(held));
        Assert.True(cache.Holds(held));
        Assert.False(cache.Holds(Table(2)));

        Assert.Equal(0, metrics.Hits);
        Assert.Equal(0, metrics.Misses);
    }

    [Fact]
    public void A_voided_fill_is_not_counted_as_a_fill()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics);
        var key = Table(1);
        var ticket = cache.BeginFill(key);
        cache.Apply(Event(key, OrleansCache.Events.ChangeKind.Altered, 2));

        cache.CompleteFill(key, Found(key, 1), ticket);
        cache.Fill(key, Found(key, 2));

        Assert.Equal(1, metrics.Fills);
    }
}
