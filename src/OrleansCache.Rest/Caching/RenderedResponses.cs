using BitFaster.Caching;
using BitFaster.Caching.Lru;
using OrleansCache.Client.Caching;
using OrleansCache.Events;
using OrleansCache.Naming;
using OrleansCache.Rest.Diagnostics;
using OrleansCache.Rest.Providers;

namespace OrleansCache.Rest.Caching;

/// <summary>
/// The REST host's rendered responses, bounded by entries and bytes, kept beside the host's near
/// cache (<see cref="RestNearCache"/>) and dropped by what drops its entries.
/// </summary>
/// <remarks>
/// <para>
/// Entities need no fence: a response is a function of the record (and a model's
/// <c>latestVersion</c>), and a hit is served only when its version is the one the near cache holds
/// now (<see cref="TryGetEntity"/>). It can never show a version older than the near cache would.
/// </para>
/// <para>
/// Lists are not in the near cache, so they are fenced here, by the rule of the near cache's fill
/// ticket: a fill takes the list generation before it reads the container and stores only if no
/// change or distrust came since (both under one gate, so a drop cannot slip between the check and the
/// store). A change dropped the lists of its parent and, for a container, its own; a subtree drop,
/// a rename or a distrusted scope drops every list under it. A change that came before the ticket was
/// applied by the container before its event went out (children register before the event), so
/// the fill reads it. The metalake list is not kept: its changes come on every metalake's stream.
/// </para>
/// </remarks>
internal sealed class RenderedResponses : INearCacheListener
{
    private readonly ICache<ResponseKey, RenderedResponse> _store;
    private readonly long _maxBytes;
    private readonly long _maxBody;
    private readonly object _listGate = new();
    private readonly object _trimGate = new();
    private long _listGeneration;
    private long _bytes;

    public RenderedResponses(RestResponseCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _maxBytes = options.MaxBytes;
        _maxBody = options.MaxBytes / 4;
        _store = new ConcurrentLruBuilder<ResponseKey, RenderedResponse>().WithCapacity(options.MaxEntries).WithMetrics().Build();
        var events = _store.Events.Value!;
        events.ItemRemoved += (_, removed) => removed.Value?.Detach();
        events.ItemUpdated += (_, updated) => updated.OldValue?.Detach();
        RestMetrics.ObserveResponseCache(() => Volatile.Read(ref _bytes), () => _store.Count);
    }

    /// <summary>Bytes held (JSON and compressed copies).</summary>
    public long Bytes => Volatile.Read(ref _bytes);

    /// <summary>Responses held.</summary>
    public int Count => _store.Count;

    /// <summary>The held response of <paramref name="key"/> if it shows exactly this version (and <c>latestVersion</c>).</summary>
    public RenderedResponse? TryGetEntity(EntityKey key, long version, int latestModelVersion)
    {
        if (_store.TryGet(ResponseKey.Entity(key), out var held) && held.Version == version && held.LatestModelVersion == latestModelVersion)
        {
            RestMetrics.ResponseCacheHit("entity");
            return held;
        }

        RestMetrics.ResponseCacheMiss("entity");
        return null;
    }

    /// <summary>Keeps an entity's response; one of a newer version already held stays.</summary>
    public void StoreEntity(EntityKey key, RenderedResponse response)
    {
        var responseKey = ResponseKey.Entity(key);
        if (_store.TryGet(responseKey, out var held) && held.Version > response.Version)
        {
            return;
        }

        Store(responseKey, response);
    }

    /// <summary>The held list response, if any.</summary>
    public RenderedResponse? TryGetList(ResponseKey key)
    {
        if (_store.TryGet(key, out var held))
        {
            RestMetrics.ResponseCacheHit("list");
            return held;
        }

        RestMetrics.ResponseCacheMiss("list");
        return null;
    }

    /// <summary>The ticket a list fill takes before it reads the container.</summary>
    public long BeginListFill() => Volatile.Read(ref _listGeneration);

    /// <summary>Keeps a list's response if nothing that could change it came since <paramref name="ticket"/>; returns whether it was kept.</summary>
    public bool CompleteListFill(ResponseKey key, RenderedResponse response, long ticket)
    {
        lock (_listGate)
        {
            if (_listGeneration != ticket)
            {
                return false;
            }

            Store(key, response);
        }

        TrimToBound();
        return true;
    }

    /// <inheritdoc/>
    public void Applied(EntityChanged changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        lock (_listGate)
        {
            _listGeneration++;
            Drop(changed.Key, changed.AffectsSubtree);
            if (changed.NewKey is { } renamed)
            {
                Drop(renamed, changed.AffectsSubtree);
            }
        }
    }

    /// <inheritdoc/>
    public void Distrusted(EntityKey? scope)
    {
        lock (_listGate)
        {
            _listGeneration++;
            if (scope is { } root)
            {
                DropUnder(root);
            }
            else
            {
                _store.Clear();
            }
        }
    }

    /// <summary>Adds <paramref name="delta"/> bytes to the count (a response attached, detached or compressed).</summary>
    internal void Grew(long delta) => Interlocked.Add(ref _bytes, delta);

    /// <summary>Evicts the least recently used responses while the bytes held are over the bound.</summary>
    internal void TrimToBound()
    {
        if (Volatile.Read(ref _bytes) <= _maxBytes || !Monitor.TryEnter(_trimGate))
        {
            // Under the bound, or another thread is trimming.
            return;
        }

        try
        {
            var eviction = _store.Policy.Eviction.Value!;
            while (Volatile.Read(ref _bytes) > _maxBytes && _store.Count > 0)
            {
                eviction.Trim(Math.Max(1, _store.Count / 64));
            }
        }
        finally
        {
            Monitor.Exit(_trimGate);
        }
    }

    private void Store(ResponseKey key, RenderedResponse response)
    {
        if (response.Json.Length > _maxBody)
        {
            return;
        }

        response.Attach(this);
        _store.AddOrUpdate(key, response);
        TrimToBound();
    }

    /// <summary>What a change of <paramref name="key"/> makes stale: its response, its parent's lists, its own lists (and, for a subtree, everything under it).</summary>
    private void Drop(EntityKey key, bool subtree)
    {
        _store.TryRemove(ResponseKey.Entity(key));
        DropLists(key.Parent);
        if (subtree)
        {
            DropUnder(key);
        }
        else if (key.IsContainer)
        {
            DropLists(key);
        }
    }

    private void DropLists(EntityKey container)
    {
        foreach (var kind in EntityHierarchy.ChildKinds(container.Kind))
        {
            _store.TryRemove(ResponseKey.List(container, kind, details: false));
            _store.TryRemove(ResponseKey.List(container, kind, details: true));
        }
    }

    private void DropUnder(EntityKey root)
    {
        foreach (var key in _store.Keys)
        {
            if (root.IsSelfOrAncestorOf(key.Subject))
            {
                _store.TryRemove(key);
            }
        }
    }
}
