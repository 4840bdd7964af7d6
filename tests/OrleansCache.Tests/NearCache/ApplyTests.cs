using OrleansCache.Client.Diagnostics;
using OrleansCache.Events;
using OrleansCache.Naming;
using static OrleansCache.Tests.NearCacheUnit.NearCacheTestData;

namespace OrleansCache.Tests.NearCacheUnit;

/// <summary>Change events drop exactly what they make stale.</summary>
[Trait("Category", "Unit")]
public sealed class ApplyTests
{
    [Theory]
    [InlineData(ChangeKind.Created)]
    [InlineData(ChangeKind.Altered)]
    public void A_change_drops_an_older_entry(ChangeKind change)
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics);
        var key = Table(1);
        cache.Fill(key, Found(key, 1));

        cache.Apply(Event(key, change, 2));

        Assert.False(cache.Holds(key));
    }

    [Theory]
    [InlineData(ChangeKind.Created, 3)]
    [InlineData(ChangeKind.Altered, 3)]
    [InlineData(ChangeKind.Altered, 2)]
    public void A_change_keeps_an_entry_at_or_above_its_version(ChangeKind change, long eventVersion)
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics);
        var key = Table(1);
        cache.PutWritten(Record(key, 3));

        cache.Apply(Event(key, change, eventVersion));

        Assert.Equal(3, cache.HeldVersion(key));
    }

    [Theory]
    [InlineData(ChangeKind.Created)]
    [InlineData(ChangeKind.Altered)]
    public void A_change_drops_a_not_found_entry(ChangeKind change)
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics, o => o.NegativeTimeToLive = TimeSpan.FromMinutes(1));
        var key = Table(1);
        cache.Fill(key, Missing(key));
        Assert.True(cache.Holds(key));

        cache.Apply(Event(key, change, 1));

        Assert.False(cache.Holds(key));
    }

    [Fact]
    public void A_change_leaves_other_keys_alone()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics);
        cache.Fill(Table(1), Found(Table(1), 1));
        cache.Fill(Table(2), Found(Table(2), 1));

        cache.Apply(Event(Table(1), ChangeKind.Altered, 2));

        Assert.False(cache.Holds(Table(1)));
        Assert.Equal(1, cache.HeldVersion(Table(2)));
    }

    [Fact]
    public void Dropping_a_leaf_drops_only_that_key()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics);
        var schema = EntityKey.Schema("lake", "cat", "s");
        var dropped = EntityKey.Table("lake", "cat", "s", "t1");
        var sibling = EntityKey.Table("lake", "cat", "s", "t10");
        var sameNameElsewhere = EntityKey.Fileset("lake", "cat", "s", "t1");
        foreach (var key in new[] { schema, dropped, sibling, sameNameElsewhere })
        {
            cache.Fill(key, Found(key, 1));
        }

        cache.Apply(Event(dropped, ChangeKind.Dropped, 1));

        Assert.False(cache.Holds(dropped));
        Assert.True(cache.Holds(schema));
        Assert.True(cache.Holds(sibling));
        Assert.True(cache.Holds(sameNameElsewhere));
    }

    [Fact]
    public void Dropping_a_leaf_drops_even_a_newer_entry()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics);
        var key = Table(1);
        cache.PutWritten(Record(key, 9));

        cache.Apply(Event(key, ChangeKind.Dropped, 5));

        Assert.False(cache.Holds(key));
    }

    [Fact]
    public void Dropping_a_catalog_drops_its_subtree_at_name_boundaries()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics, o => o.NegativeTimeToLive = TimeSpan.FromMinutes(1));
        var lake = EntityKey.Metalake("lake");
        var cat1 = EntityKey.Catalog("lake", "cat1");
        var cat1Schema = EntityKey.Schema("lake", "cat1", "s");
        var cat1Table = EntityKey.Table("lake", "cat1", "s", "t");
        var cat1Missing = EntityKey.Table("lake", "cat1", "s", "gone");
        var cat10 = EntityKey.Catalog("lake", "cat10");
        var cat10Table = EntityKey.Table("lake", "cat10", "s", "t");
        var cat2 = EntityKey.Catalog("lake", "cat2");
        var otherLake = EntityKey.Catalog("lake2", "cat1");
        foreach (var key in new[] { lake, cat1, cat1Schema, cat1Table, cat10, cat10Table, cat2, otherLake })
        {
            cache.Fill(key, Found(key, 1));
        }

        cache.Fill(cat1Missing, Missing(cat1Missing));
        Assert.Equal(9, cache.Count);

        cache.Apply(Event(cat1, ChangeKind.Dropped, 4));

        Assert.False(cache.Holds(cat1));
        Assert.False(cache.Holds(cat1Schema));
        Assert.False(cache.Holds(cat1Table));
        Assert.False(cache.Holds(cat1Missing));
        Assert.True(cache.Holds(lake));
        Assert.True(cache.Holds(cat10));
        Assert.True(cache.Holds(cat10Table));
        Assert.True(cache.Holds(cat2));
        Assert.True(cache.Holds(otherLake));

        Assert.Equal(5, cache.Count);
    }

    [Fact]
    public void Dropping_a_metalake_drops_everything_under_it_only()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics);
        var inLake = new[] { EntityKey.Metalake("lake"), EntityKey.Catalog("lake", "c"), EntityKey.Table("lake", "c", "s", "t"), EntityKey.Tag("lake", "x") };
        var outside = new[] { EntityKey.Metalake("lake1"), EntityKey.Table("lake1", "c", "s", "t") };
        foreach (var key in inLake.Concat(outside))
        {
            cache.Fill(key, Found(key, 1));
        }

        cache.Apply(Event(inLake[0], ChangeKind.Dropped, 1));

        Assert.DoesNotContain(inLake, cache.Holds);
        Assert.All(outside, key => Assert.True(cache.Holds(key)));
    }

    [Fact]
    public void Renaming_a_catalog_drops_entries_under_the_old_and_the_new_name()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics, o => o.NegativeTimeToLive = TimeSpan.FromMinutes(1));
        var oldCat = EntityKey.Catalog("lake", "cat1");
        var oldTable = EntityKey.Table("lake", "cat1", "s", "t");
        var newCat = EntityKey.Catalog("lake", "cat9");
        var newTable = EntityKey.Table("lake", "cat9", "s", "t");
        var newSchema = EntityKey.Schema("lake", "cat9", "s");
        var untouched = EntityKey.Table("lake", "cat2", "s", "t");
        var prefixOfNew = EntityKey.Table("lake", "cat90", "s", "t");
        cache.Fill(oldCat, Found(oldCat, 3));
        cache.Fill(oldTable, Found(oldTable, 3));
        cache.Fill(newCat, Missing(newCat));
        cache.Fill(newTable, Missing(newTable));
        cache.Fill(newSchema, Missing(newSchema));
        cache.Fill(untouched, Found(untouched, 1));
        cache.Fill(prefixOfNew, Missing(prefixOfNew));

        cache.Apply(Event(oldCat, ChangeKind.Renamed, 4, newCat));

        Assert.False(cache.Holds(oldCat));
        Assert.False(cache.Holds(oldTable));
        Assert.False(cache.Holds(newCat));
        Assert.False(cache.Holds(newTable));
        Assert.False(cache.Holds(newSchema));
        Assert.True(cache.Holds(untouched));
        Assert.True(cache.Holds(prefixOfNew));
    }

    [Fact]
    public void Renaming_a_table_drops_the_old_entry_and_a_not_found_entry_under_the_new_name()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics, o => o.NegativeTimeToLive = TimeSpan.FromMinutes(1));
        var oldKey = Table(1);
        var newKey = Table(2);
        var other = Table(3);
        cache.Fill(oldKey, Found(oldKey, 3));
        cache.Fill(newKey, Missing(newKey));
        cache.Fill(other, Found(other, 1));

        cache.Apply(Event(oldKey, ChangeKind.Renamed, 4, newKey));

        Assert.False(cache.Holds(oldKey));
        Assert.False(cache.Holds(newKey));
        Assert.True(cache.Holds(other));
    }

    [Fact]
    public void Every_event_is_counted_as_received()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics);
        var key = Table(1);
        cache.Fill(key, Found(key, 1));

        cache.Apply(Event(key, ChangeKind.Altered, 2));
        cache.Apply(Event(Table(2), ChangeKind.Created, 1));
        cache.Apply(Event(EntityKey.Catalog("lake", "c"), ChangeKind.Dropped, 1));
        cache.Apply(Event(EntityKey.Catalog("lake", "d"), ChangeKind.Renamed, 1, EntityKey.Catalog("lake", "e")));

        Assert.Equal(4, metrics.EventsReceived);
        Assert.Equal(0, metrics.Hits + metrics.Misses);
    }

    [Fact]
    public void Apply_rejects_null()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics);

        Assert.Throws<ArgumentNullException>(() => cache.Apply(null!));
        Assert.Equal(0, metrics.EventsReceived);
    }
}
