using OrleansCache.Client.Diagnostics;
using static OrleansCache.Tests.NearCacheUnit.NearCacheTestData;

namespace OrleansCache.Tests.NearCacheUnit;

/// <summary>Read-your-writes: <c>PutWritten</c> holds the client's own write unless something newer is held.</summary>
[Trait("Category", "Unit")]
public sealed class PutWrittenTests
{
    [Fact]
    public void Stores_the_written_record()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics);
        var key = Table(1);
        var record = Record(key, 4);

        cache.PutWritten(record);

        Assert.True(cache.TryGet(key, out var held));
        Assert.Same(record, held.Record);
        Assert.Equal(4, held.Version);
    }

    [Fact]
    public void Does_not_replace_a_newer_written_record()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics);
        var key = Table(1);
        var newer = Record(key, 5);
        cache.PutWritten(newer);

        cache.PutWritten(Record(key, 3));

        Assert.True(cache.TryGet(key, out var held));
        Assert.Same(newer, held.Record);
    }

    [Fact]
    public void Does_not_replace_a_newer_filled_record()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics);
        var key = Table(1);
        cache.Fill(key, Found(key, 7));

        cache.PutWritten(Record(key, 6));

        Assert.Equal(7, cache.HeldVersion(key));
    }

    [Fact]
    public void Replaces_an_older_record()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics);
        var key = Table(1);
        cache.Fill(key, Found(key, 2));

        cache.PutWritten(Record(key, 3));

        Assert.Equal(3, cache.HeldVersion(key));
    }

    [Fact]
    public void Replaces_a_held_not_found_entry()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics, o => o.NegativeTimeToLive = TimeSpan.FromMinutes(1));
        var key = Table(1);
        cache.Fill(key, Missing(key));
        Assert.True(cache.TryGet(key, out var before));
        Assert.True(before.IsMissing);

        cache.PutWritten(Record(key, 1));

        Assert.True(cache.TryGet(key, out var after));
        Assert.False(after.IsMissing);
        Assert.Equal(1, after.Version);
    }

    [Fact]
    public void Voids_an_outstanding_fill_ticket_for_the_key()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics);
        var key = Table(1);
        var ticket = cache.BeginFill(key);

        cache.PutWritten(Record(key, 2));

        // The fill read a version the held one does not beat, so only the fence can keep it out.
        var read = Found(key, 3);
        var returned = cache.CompleteFill(key, read, ticket);
        Assert.Same(read, returned);
        Assert.Equal(2, cache.HeldVersion(key));
        Assert.Equal(0, metrics.Fills);
    }
}
