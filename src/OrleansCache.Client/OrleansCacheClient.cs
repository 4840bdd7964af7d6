using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using OrleansCache.Changes;
using OrleansCache.Client.Caching;
using OrleansCache.Client.Events;
using OrleansCache.Client.Providers;
using OrleansCache.Entities;
using OrleansCache.Errors;
using OrleansCache.Events;
using OrleansCache.Grains;
using OrleansCache.Naming;

namespace OrleansCache.Client;

/// <summary>The <see cref="IOrleansCacheClient"/> over an Orleans cluster client and a <see cref="NearCache"/>.</summary>
internal sealed class OrleansCacheClient : IOrleansCacheClient
{
    private readonly IClusterClient _cluster;
    private readonly NearCache _cache;
    private readonly ChangeSubscriptions _subscriptions;
    private readonly bool _enabled;

    // Single flight: concurrent misses on one key share one grain call.
    private readonly ConcurrentDictionary<EntityKey, Task<CacheEntry>> _inFlight = new();

    public OrleansCacheClient(IClusterClient cluster, NearCache cache, ChangeSubscriptions subscriptions, IOptions<NearCacheOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _cluster = cluster;
        _cache = cache;
        _subscriptions = subscriptions;
        _enabled = options.Value.Enabled;
    }

    public event EventHandler<EntityChanged>? ChangeReceived
    {
        add => _subscriptions.ChangeReceived += value;
        remove => _subscriptions.ChangeReceived -= value;
    }

    public int CachedEntries => _cache.Count;

    public ValueTask<EntityRecord> LoadAsync(EntityKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_enabled && _cache.TryGet(key, out var entry))
        {
            return ValueTask.FromResult(entry.RecordOrThrow(key));
        }

        return LoadSlowAsync(key);
    }

    public ValueTask<EntityRecord?> FindAsync(EntityKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_enabled && _cache.TryGet(key, out var entry))
        {
            return ValueTask.FromResult(entry.Record);
        }

        return FindSlowAsync(key);
    }

    public async ValueTask<bool> ExistsAsync(EntityKey key) => await FindAsync(key) is not null;

    public Task<ImmutableArray<EntityKey>> ListAsync(EntityKey container, EntityKind kind)
    {
        ArgumentNullException.ThrowIfNull(container);
        return _cluster.GetEntityGrain(container).ListChildren(kind);
    }

    public async Task<EntityRecord> CreateAsync(EntityKey key, EntityPayload payload, WriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        await _subscriptions.EnsureSubscribedAsync(key);
        var record = await _cluster.GetEntityGrain(key).Create(payload, options ?? WriteOptions.Default);
        _cache.PutWritten(record);
        return record;
    }

    public async Task<EntityRecord> AlterAsync(EntityKey key, IEnumerable<EntityChange> changes, WriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(changes);
        await _subscriptions.EnsureSubscribedAsync(key);
        var record = await _cluster.GetEntityGrain(key).Alter([.. changes], options ?? WriteOptions.Default);
        if (record.Key != key)
        {
            // Renamed: the old name (and a container's subtree) is gone, the new one exists.
            _cache.Forget(key);
            _cache.Forget(record.Key);
        }

        _cache.PutWritten(record);
        return record;
    }

    public async Task<bool> DropAsync(EntityKey key, bool cascade = false, WriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var dropped = await _cluster.GetEntityGrain(key).Drop(cascade, options ?? WriteOptions.Default);
        _cache.Forget(key);
        return dropped;
    }

    public Task WatchAsync(string metalake)
    {
        NamingRules.Metalake.Check(metalake, metalake);
        return _subscriptions.EnsureSubscribedAsync(metalake);
    }

    private async ValueTask<EntityRecord> LoadSlowAsync(EntityKey key) => (await ReadThroughAsync(key)).RecordOrThrow(key);

    private async ValueTask<EntityRecord?> FindSlowAsync(EntityKey key) => (await ReadThroughAsync(key)).Record;

    private async Task<CacheEntry> ReadThroughAsync(EntityKey key)
    {
        if (!_enabled)
        {
            return await ReadGrainAsync(key);
        }

        await _subscriptions.EnsureSubscribedAsync(key);
        var leader = new TaskCompletionSource<CacheEntry>(TaskCreationOptions.RunContinuationsAsynchronously);
        var flight = _inFlight.GetOrAdd(key, leader.Task);
        if (flight != leader.Task)
        {
            return await flight;
        }

        try
        {
            var ticket = _cache.BeginFill(key);
            var read = await ReadGrainAsync(key);
            var result = _cache.CompleteFill(key, read, ticket);
            leader.SetResult(result);
            return result;
        }
        catch (Exception exception)
        {
            leader.SetException(exception);
            throw;
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<EntityKey, Task<CacheEntry>>(key, leader.Task));
        }
    }

    private async Task<CacheEntry> ReadGrainAsync(EntityKey key)
    {
        try
        {
            return CacheEntry.Found(await _cluster.GetEntityGrain(key).Load());
        }
        catch (EntityNotFoundException notFound)
        {
            return CacheEntry.Missing(notFound);
        }
    }
}
