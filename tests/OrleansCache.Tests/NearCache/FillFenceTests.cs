using OrleansCache.Client.Diagnostics;
using OrleansCache.Events;
using OrleansCache.Naming;
using static OrleansCache.Tests.NearCacheUnit.NearCacheTestData;

namespace OrleansCache.Tests.NearCacheUnit;

/// <summary>The fill fence: a fill stores only when no invalidation touched its stripe or any subtree since its ticket.</summary>
[Trait("Category", "Unit")]
public sealed class FillFenceTests
{
    [Fact]
    public void A_fill_without_an_intervening_event_stores_what_it_read()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics);
        var key = Table(1);
        var read = Found(key, 1);

        var ticket = cache.BeginFill(key);
        var returned = cache.CompleteFill(key, read, ticket);

        Assert.Same(read, returned);
        Assert.True(cache.Holds(key));
        Assert.True(cache.TryGet(key, out var held));
        Assert.Same(read, held);
        Assert.Equal(1, metrics.Fills);
    }

    [Theory]
    [InlineData(ChangeKind.Altered)]
    [InlineData(ChangeKind.Created)]
    [InlineData(ChangeKind.Dropped)]
    public void An_event_on_the_key_between_ticket_and_completion_voids_the_fill(ChangeKind change)
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics);
        var key = Table(1);
        var read = Found(key, 1);

        var ticket = cache.BeginFill(key);
        cache.Apply(Event(key, change, 2));
        var returned = cache.CompleteFill(key, read, ticket);

        Assert.Same(read, returned);
        Assert.False(cache.Holds(key));
        Assert.Equal(0, metrics.Fills);
    }

    [Fact]
    public void A_ticket_taken_after_the_event_stores_again()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics);
        var key = Table(1);
        var stale = cache.BeginFill(key);
        cache.Apply(Event(key, ChangeKind.Altered, 2));
        cache.CompleteFill(key, Found(key, 1), stale);

        cache.CompleteFill(key, Found(key, 2), cache.BeginFill(key));

        Assert.Equal(2, cache.HeldVersion(key));
    }

    [Fact]
    public void An_event_on_an_unrelated_key_does_not_void_the_fill_outside_its_stripe()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics);
        const int pairs = 200;
        var stored = 0;
        for (var i = 0; i < pairs; i++)
        {
            var filled = EntityKey.Table("lake", "cat", "s", $"filled{i}");
            var other = EntityKey.Table("lake", "cat", "s", $"other{i}");

            var ticket = cache.BeginFill(filled);
            cache.Apply(Event(other, ChangeKind.Altered, 2));
            cache.CompleteFill(filled, Found(filled, 1), ticket);

            if (cache.Holds(filled))
            {
                stored++;
            }
        }

        // 1,024 stripes: two random keys share one about once in a thousand pairs.
        Assert.True(stored >= pairs - 10, $"only {stored} of {pairs} fills stored after an event on another key");
    }

    [Fact]
    public void A_container_drop_voids_every_outstanding_ticket()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics);
        var keys = Enumerable.Range(0, 50).Select(i => EntityKey.Table("lake", "cat", "s", $"t{i}"))
            .Concat(Enumerable.Range(0, 50).Select(i => EntityKey.Table("other", "x", "y", $"t{i}")))
            .ToList();
        var tickets = keys.Select(cache.BeginFill).ToList();

        cache.Apply(Event(EntityKey.Catalog("lake", "unrelated"), ChangeKind.Dropped, 3));
        for (var i = 0; i < keys.Count; i++)
        {
            cache.CompleteFill(keys[i], Found(keys[i], 1), tickets[i]);
        }

        Assert.DoesNotContain(keys, cache.Holds);
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, metrics.Fills);
    }

    [Fact]
    public void A_container_rename_voids_every_outstanding_ticket()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics);
        var keys = Enumerable.Range(0, 50).Select(Table).ToList();
        var tickets = keys.Select(cache.BeginFill).ToList();

        cache.Apply(Event(EntityKey.Catalog("other", "a"), ChangeKind.Renamed, 3, EntityKey.Catalog("other", "b")));
        for (var i = 0; i < keys.Count; i++)
        {
            cache.CompleteFill(keys[i], Found(keys[i], 1), tickets[i]);
        }

        Assert.DoesNotContain(keys, cache.Holds);
    }

    [Fact]
    public void Clear_voids_every_outstanding_ticket()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics);
        var keys = Enumerable.Range(0, 50).Select(Table).ToList();
        var tickets = keys.Select(cache.BeginFill).ToList();

        cache.Distrust(scope: null);
        for (var i = 0; i < keys.Count; i++)
        {
            cache.CompleteFill(keys[i], Found(keys[i], 1), tickets[i]);
        }

        Assert.DoesNotContain(keys, cache.Holds);
        Assert.Equal(0, cache.Count);

        // Tickets taken after the clear store normally.
        cache.Fill(keys[0], Found(keys[0], 1));
        Assert.True(cache.Holds(keys[0]));
    }

    [Fact]
    public void Clear_drops_what_is_held_and_reports_how_many()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics);
        for (var i = 0; i < 5; i++)
        {
            cache.Fill(Table(i), Found(Table(i), 1));
        }

        Assert.Equal(5, cache.Distrust(scope: null));
        Assert.Equal(0, cache.Count);
        Assert.False(cache.Holds(Table(0)));
    }

    [Fact]
    public void A_fill_never_goes_backwards_behind_a_newer_written_record()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics);
        var key = Table(1);
        cache.PutWritten(Record(key, 5));

        var returned = cache.CompleteFill(key, Found(key, 3), cache.BeginFill(key));

        Assert.Equal(5, returned.Version);
        Assert.False(returned.IsMissing);
        Assert.Equal(5, cache.HeldVersion(key));
    }

    [Fact]
    public void A_fill_that_started_before_the_write_returns_the_written_record()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics);
        var key = Table(1);
        var ticket = cache.BeginFill(key);
        cache.PutWritten(Record(key, 5));

        var returned = cache.CompleteFill(key, Found(key, 3), ticket);

        Assert.Equal(5, returned.Version);
        Assert.Equal(5, cache.HeldVersion(key));
    }

    [Fact]
    public void A_not_found_fill_behind_a_held_record_returns_the_record()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics);
        var key = Table(1);
        cache.PutWritten(Record(key, 5));

        var returned = cache.CompleteFill(key, Missing(key), cache.BeginFill(key));

        Assert.False(returned.IsMissing);
        Assert.Equal(5, returned.Version);
    }

    [Fact]
    public void A_not_found_fill_is_held_when_negative_caching_is_on()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics, o => o.NegativeTimeToLive = TimeSpan.FromMinutes(1));
        var key = Table(1);

        cache.Fill(key, Missing(key));

        Assert.True(cache.TryGet(key, out var held));
        Assert.True(held.IsMissing);
        var error = Assert.Throws<OrleansCache.Errors.EntityNotFoundException>(() => held.RecordOrThrow(key));
        Assert.Equal(key.Identifier.ToString(), error.MissingIdentifier);
    }

    [Fact]
    public void A_not_found_fill_is_not_held_when_negative_caching_is_off()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics, o => o.NegativeTimeToLive = TimeSpan.Zero);
        var missing = Table(1);
        var found = Table(2);
        var read = Missing(missing);

        var returned = cache.CompleteFill(missing, read, cache.BeginFill(missing));
        cache.Fill(found, Found(found, 1));

        Assert.Same(read, returned);
        Assert.False(cache.Holds(missing));
        Assert.True(cache.Holds(found));
        Assert.Equal(1, metrics.Fills);
    }
}
