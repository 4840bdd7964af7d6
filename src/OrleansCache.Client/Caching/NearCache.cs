using BitFaster.Caching;
using BitFaster.Caching.Lfu;
using BitFaster.Caching.Lru;
using OrleansCache.Client.Diagnostics;
using OrleansCache.Client.Providers;
using OrleansCache.Entities;
using OrleansCache.Events;
using OrleansCache.Naming;

namespace OrleansCache.Client.Caching;

/// <summary>
/// The client's in-process L1: a bounded BitFaster store of versioned entries, and the rules that
/// keep it from ever holding something older than what an event or a write has announced.
/// </summary>
/// <remarks>
/// <para>
/// Two verbs drop entries, each named after its cause. <see cref="Apply"/>: something changed (an
/// event, or with <see cref="ApplyOwn"/> this client's own drop or rename); the change says what is stale, by one rule
/// (<see cref="EntityChanged.AffectsSubtree"/>), and what was dropped or renamed away is also
/// forgotten by fail-safe memory, so it never comes back. <see cref="Distrust"/>: events may have
/// been missed (a gap, a new epoch, a lost connection); entries go, fail-safe memory stays, as
/// nothing says those values are wrong.
/// </para>
/// <para>
/// Fill fence: a read from a grain takes a <see cref="FillTicket"/> before it calls the grain and
/// stores its result only if no invalidation touched the key's stripe (or any subtree) since. An
/// invalidation that arrived before the ticket happened before the grain read, so the grain already
/// returns the newer state; one that arrived after voids the ticket. Either way a stale fill never
/// lands. Hits take no lock.
/// </para>
/// </remarks>
internal sealed class NearCache
{
    private const int StripeCount = 1024;

    private readonly ICache<EntityKey, CacheEntry> _store;
    private readonly long[] _stripeVersions = new long[StripeCount];
    private readonly object[] _stripeLocks = Enumerable.Range(0, StripeCount).Select(_ => new object()).ToArray();
    private readonly NearCacheMetrics _metrics;
    private readonly bool _cacheMisses;
    private readonly LastKnownValues? _lastKnown;
    private readonly INearCacheListener? _listener;
    private long _subtreeEpoch;

    public NearCache(NearCacheOptions options, NearCacheMetrics metrics, INearCacheListener? listener = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _metrics = metrics;
        _listener = listener;
        _cacheMisses = options.NegativeTimeToLive > TimeSpan.Zero;
        _lastKnown = options.FailSafeMaxAge > TimeSpan.Zero ? new LastKnownValues(options.MaxEntries) : null;
        var expiry = new EntryExpiry(options);
        _store = options.Store == NearCacheStore.Lru
            ? new ConcurrentLruBuilder<EntityKey, CacheEntry>().WithCapacity(options.MaxEntries).WithExpireAfter(expiry).WithMetrics().Build()
            : new ConcurrentLfuBuilder<EntityKey, CacheEntry>().WithCapacity(options.MaxEntries).WithExpireAfter(expiry).Build();
        var storeMetrics = _store.Metrics;
        _metrics.ObserveEvictions(() => storeMetrics.HasValue ? storeMetrics.Value!.Evicted : 0);
    }

    /// <summary>How many entries are held.</summary>
    public int Count => _store.Count;

    /// <summary>The hit path: no lock, no allocation.</summary>
    public bool TryGet(EntityKey key, out CacheEntry entry)
    {
        if (_store.TryGet(key, out entry!))
        {
            _metrics.Hit();
            return true;
        }

        _metrics.Miss();
        return false;
    }

    /// <summary>The last record this client knew of <paramref name="key"/>, if fail-safe is on and it is young enough.</summary>
    public bool TryGetLastKnown(EntityKey key, TimeSpan maxAge, out EntityRecord record, out TimeSpan age)
    {
        if (_lastKnown is not null)
        {
            return _lastKnown.TryGet(key, maxAge, out record, out age);
        }

        (record, age) = (default!, TimeSpan.Zero);
        return false;
    }

    /// <summary>The entry held for <paramref name="key"/>, or null; counts neither hit nor miss (a look for diagnostics and tests).</summary>
    public CacheEntry? Peek(EntityKey key) => _store.TryGet(key, out var entry) ? entry : null;

    /// <summary>Takes the ticket a fill of <paramref name="key"/> must present to store its result.</summary>
    public FillTicket BeginFill(EntityKey key)
    {
        var stripe = StripeOf(key);
        return new FillTicket(stripe, Volatile.Read(ref _stripeVersions[stripe]), Volatile.Read(ref _subtreeEpoch));
    }

    /// <summary>
    /// Stores a grain read if its ticket is still valid, and returns what the caller should hand
    /// out: the entry read, or a newer one this client already holds (a read never goes backwards).
    /// </summary>
    public CacheEntry CompleteFill(EntityKey key, CacheEntry read, FillTicket ticket)
    {
        lock (_stripeLocks[ticket.Stripe])
        {
            if (_store.TryGet(key, out var held) && !held.IsMissing && held.Version > read.Version)
            {
                return held;
            }

            if (read.Record is { } found)
            {
                _lastKnown?.Remember(found);
            }

            var valid = _stripeVersions[ticket.Stripe] == ticket.StripeVersion
                && Volatile.Read(ref _subtreeEpoch) == ticket.SubtreeEpoch;
            if (valid && (!read.IsMissing || _cacheMisses))
            {
                _store.AddOrUpdate(key, read);

                // Subtree drops and Clear bump the epoch without this stripe's lock, then scan. If
                // the bump came after the check above, the scan may have missed this entry: take it
                // back. If it comes after this re-check, the entry was stored before the scan began,
                // and the scan removes it.
                if (Volatile.Read(ref _subtreeEpoch) != ticket.SubtreeEpoch)
                {
                    _store.TryRemove(key);
                }
                else
                {
                    _metrics.Fill();
                }
            }

            return read;
        }
    }

    /// <summary>Read-your-writes: holds the record this client just wrote, unless something newer is held.</summary>
    public void PutWritten(EntityRecord record)
    {
        var stripe = StripeOf(record.Key);
        lock (_stripeLocks[stripe])
        {
            _stripeVersions[stripe]++;
            if (!_store.TryGet(record.Key, out var held) || held.IsMissing || held.Version < record.Version)
            {
                _store.AddOrUpdate(record.Key, CacheEntry.Found(record));
                _lastKnown?.Remember(record);
            }
        }
    }

    /// <summary>
    /// Applies a change event received from the change stream: counts it, and drops whatever it
    /// makes stale. A create or alter drops an entry older than <see cref="EntityChanged.Version"/>
    /// (and any not-found answer). A drop or rename forgets the key, and the new key of a rename,
    /// entries and fail-safe memory alike; for a container (<see cref="EntityChanged.AffectsSubtree"/>)
    /// with everything under it, at name boundaries.
    /// </summary>
    public void Apply(EntityChanged changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        _metrics.EventReceived(changed.At);
        ApplyOwn(changed);
        _listener?.Applied(changed);
    }

    /// <summary>
    /// Applies this client's own drop or rename by the same rule as <see cref="Apply"/>, before its
    /// event arrives; not counted as an event received.
    /// </summary>
    public void ApplyOwn(EntityChanged changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        if (changed.Change is ChangeKind.Created or ChangeKind.Altered)
        {
            Invalidate(changed.Key, changed.Version);
            return;
        }

        Forget(changed.Key, changed.AffectsSubtree);
        if (changed.NewKey is { } newKey)
        {
            // Not-found entries under the new name are now wrong too.
            Forget(newKey, changed.AffectsSubtree);
        }
    }

    /// <summary>
    /// Drops every entry under <paramref name="scope"/> (everything when null) because events about
    /// it may have been missed. Fail-safe memory is kept. Returns how many entries were dropped
    /// (counted only for everything; 0 for a scope).
    /// </summary>
    public int Distrust(EntityKey? scope)
    {
        _listener?.Distrusted(scope);
        if (scope is { } root)
        {
            DropSubtree(root);
            return 0;
        }

        Interlocked.Increment(ref _subtreeEpoch);
        var count = _store.Count;
        _store.Clear();
        return count;
    }

    private void Forget(EntityKey key, bool subtree)
    {
        // A dropped or renamed entity must not come back, even as a fail-safe answer.
        _lastKnown?.ForgetSubtree(key);
        if (subtree)
        {
            DropSubtree(key);
        }
        else
        {
            Invalidate(key, long.MaxValue);
        }
    }

    /// <summary>Drops an entry unless it is at least <paramref name="version"/> (a found entry this client wrote).</summary>
    private void Invalidate(EntityKey key, long version)
    {
        var stripe = StripeOf(key);
        lock (_stripeLocks[stripe])
        {
            _stripeVersions[stripe]++;
            if (_store.TryGet(key, out var held) && (held.IsMissing || held.Version < version))
            {
                _store.TryRemove(key);
            }
        }
    }

    private void DropSubtree(EntityKey root)
    {
        // Bump first: a fill that re-checks after this point takes its entry back; one that stored
        // and re-checked before it is in the store when the scan below runs.
        Interlocked.Increment(ref _subtreeEpoch);
        foreach (var key in _store.Keys)
        {
            if (root.IsSelfOrAncestorOf(key))
            {
                var stripe = StripeOf(key);
                lock (_stripeLocks[stripe])
                {
                    _stripeVersions[stripe]++;
                    _store.TryRemove(key);
                }
            }
        }
    }

    private static int StripeOf(EntityKey key) => (key.GetHashCode() & int.MaxValue) % StripeCount;
}

/// <summary>What a fill saw before it called the grain.</summary>
internal readonly record struct FillTicket(int Stripe, long StripeVersion, long SubtreeEpoch);
