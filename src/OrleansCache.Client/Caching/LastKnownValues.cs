using System.Diagnostics;
using BitFaster.Caching;
using BitFaster.Caching.Lru;
using OrleansCache.Entities;
using OrleansCache.Naming;

namespace OrleansCache.Client.Caching;

/// <summary>
/// Fail-safe memory: the last record this client read or wrote per entity and when, kept across
/// invalidations and connection loss (but not across a drop or rename this client has seen), so a
/// read can fall back to it, marked stale, while the cluster is unreachable.
/// </summary>
internal sealed class LastKnownValues
{
    private readonly ICache<EntityKey, (EntityRecord Record, long At)> _values;

    public LastKnownValues(int capacity) =>
        _values = new ConcurrentLruBuilder<EntityKey, (EntityRecord, long)>().WithCapacity(capacity).Build();

    public void Remember(EntityRecord record) => _values.AddOrUpdate(record.Key, (record, Stopwatch.GetTimestamp()));

    public bool TryGet(EntityKey key, TimeSpan maxAge, out EntityRecord record, out TimeSpan age)
    {
        if (_values.TryGet(key, out var known))
        {
            age = Stopwatch.GetElapsedTime(known.At);
            record = known.Record;
            return age <= maxAge;
        }

        (record, age) = (default!, TimeSpan.Zero);
        return false;
    }

    public void ForgetSubtree(EntityKey root)
    {
        foreach (var key in _values.Keys)
        {
            if (root.IsSelfOrAncestorOf(key))
            {
                _values.TryRemove(key);
            }
        }
    }
}
