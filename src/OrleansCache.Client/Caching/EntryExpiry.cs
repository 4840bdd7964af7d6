using BitFaster.Caching;
using OrleansCache.Client.Providers;
using OrleansCache.Naming;

namespace OrleansCache.Client.Caching;

/// <summary>Per-kind time-to-live for found entries, a short one for not-found entries; reads do not extend it.</summary>
internal sealed class EntryExpiry : IExpiryCalculator<EntityKey, CacheEntry>
{
    private readonly Dictionary<EntityKind, Duration> _byKind;
    private readonly Duration _missing;

    public EntryExpiry(NearCacheOptions options)
    {
        _byKind = Enum.GetValues<EntityKind>().ToDictionary(kind => kind, kind => Duration.FromTimeSpan(options.TimeToLiveFor(kind)));
        _missing = Duration.FromTimeSpan(options.NegativeTimeToLive);
    }

    public Duration GetExpireAfterCreate(EntityKey key, CacheEntry value) => value.IsMissing ? _missing : _byKind[key.Kind];

    public Duration GetExpireAfterRead(EntityKey key, CacheEntry value, Duration current) => current;

    public Duration GetExpireAfterUpdate(EntityKey key, CacheEntry value, Duration current) => GetExpireAfterCreate(key, value);
}
