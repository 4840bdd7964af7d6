using OrleansCache.Client.Caching;
using OrleansCache.Client.Diagnostics;
using OrleansCache.Client.Providers;
using OrleansCache.Events;
using OrleansCache.Naming;
using static OrleansCache.Tests.NearCacheUnit.NearCacheTestData;

namespace OrleansCache.Tests.NearCacheUnit;

/// <summary>What the near cache tells a listener kept beside it (the REST host's rendered responses).</summary>
[Trait("Category", "Unit")]
public sealed class ListenerTests
{
    [Fact]
    public void Every_applied_change_and_every_distrust_is_told_after_the_entry_is_gone()
    {
        using var metrics = new NearCacheMetrics();
        var listener = new RecordingListener();
        var cache = new NearCache(new NearCacheOptions(), metrics, listener);
        var key = Table(1);
        cache.Fill(key, Found(key, 1));
        listener.Cache = cache;

        cache.Apply(Event(key, ChangeKind.Altered, 2));
        cache.Distrust(EntityKey.Metalake("lake"));
        cache.Distrust(null);

        Assert.Equal(["applied table 'lake.cat.s.t1' held=False", "distrusted metalake 'lake'", "distrusted everything"], listener.Calls);
    }

    [Fact]
    public void A_clients_own_write_is_not_told()
    {
        using var metrics = new NearCacheMetrics();
        var listener = new RecordingListener();
        var cache = new NearCache(new NearCacheOptions(), metrics, listener);

        cache.ApplyOwn(Event(Table(1), ChangeKind.Dropped, 2));

        Assert.Empty(listener.Calls);
    }

    private sealed class RecordingListener : INearCacheListener
    {
        public NearCache? Cache { get; set; }

        public List<string> Calls { get; } = [];

        public void Applied(EntityChanged changed) => Calls.Add($"applied {changed.Key} held={Cache?.Peek(changed.Key) is not null}");

        public void Distrusted(EntityKey? scope) => Calls.Add(scope is null ? "distrusted everything" : $"distrusted {scope}");
    }
}
