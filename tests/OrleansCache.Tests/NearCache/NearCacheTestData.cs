using OrleansCache.Client.Caching;
using OrleansCache.Client.Diagnostics;
using OrleansCache.Client.Providers;
using OrleansCache.Entities;
using OrleansCache.Errors;
using OrleansCache.Events;
using OrleansCache.Naming;

namespace OrleansCache.Tests.NearCacheUnit;

/// <summary>Builders shared by the near-cache unit tests.</summary>
internal static class NearCacheTestData
{
    public static NearCache NewCache(NearCacheMetrics metrics, Action<NearCacheOptions>? configure = null)
    {
        var options = new NearCacheOptions();
        configure?.Invoke(options);
        return new NearCache(options, metrics);
    }

    public static EntityRecord Record(EntityKey key, long version) => new()
    {
        Key = key,
        Payload = new TablePayload(),
        Audit = AuditInfo.Created("t", DateTimeOffset.UtcNow),
        Version = version,
    };

    public static CacheEntry Found(EntityKey key, long version) => CacheEntry.Found(Record(key, version));

    public static CacheEntry Missing(EntityKey key) =>
        CacheEntry.Missing(new EntityNotFoundException(key.Identifier.ToString(), key.Kind, key.Kind, key.Identifier.ToString()));

    public static EntityChanged Event(EntityKey key, ChangeKind change, long version, EntityKey? newKey = null) => new()
    {
        Key = key,
        Change = change,
        Version = version,
        NewKey = newKey,
        Actor = "t",
        At = DateTimeOffset.UtcNow,
    };

    public static EntityKey Table(int i) => EntityKey.Table("lake", "cat", "s", $"t{i}");

    public static EntityKey Key(EntityKind kind, string identifier) => EntityKey.Of(kind, identifier);

    /// <summary>Fills <paramref name="key"/> with no event in between; the fill must store.</summary>
    public static void Fill(this NearCache cache, EntityKey key, CacheEntry read) =>
        cache.CompleteFill(key, read, cache.BeginFill(key));

    /// <summary>The held entry's version, or null when nothing is held (a read that counts a hit or miss).</summary>
    public static long? HeldVersion(this NearCache cache, EntityKey key) =>
        cache.TryGet(key, out var entry) ? entry.Version : null;

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> passes.</summary>
    public static async Task<bool> Eventually(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }
}
