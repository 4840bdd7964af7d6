using System.Runtime.CompilerServices;
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
using Orleans.Serialization;

namespace OrleansCache.Client;

/// <summary>The <see cref="IOrleansCacheClient"/> over an Orleans cluster client and a <see cref="NearCache"/>.</summary>
internal sealed class OrleansCacheClient : IOrleansCacheClient
{
    private readonly IClusterClient _cluster;
    private readonly Serializer _serializer;
    private readonly NearCache _cache;
    private readonly ChangeSubscriptions _subscriptions;
    private readonly bool _enabled;
    private readonly TimeSpan _failSafeMaxAge;
    private readonly TimeSpan _readTimeout;
    private readonly TimeSpan _writeTimeout;
    private readonly PayloadLimit _payloadLimit;

    // Single flight: concurrent misses on one key share one grain call.
    private readonly ConcurrentDictionary<EntityKey, Task<CacheEntry>> _inFlight = new();

    public OrleansCacheClient(IClusterClient cluster, Serializer serializer, NearCache cache, ChangeSubscriptions subscriptions, PayloadLimit payloadLimit, IOptions<NearCacheOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _cluster = cluster;
        _serializer = serializer;
        _cache = cache;
        _subscriptions = subscriptions;
        _payloadLimit = payloadLimit;
        _enabled = options.Value.Enabled;
        _failSafeMaxAge = options.Value.FailSafeMaxAge;
        _readTimeout = options.Value.ReadTimeout;
        _writeTimeout = options.Value.WriteTimeout;
    }

    public event EventHandler<EntityChanged>? ChangeReceived
    {
        add => _subscriptions.ChangeReceived += value;
        remove => _subscriptions.ChangeReceived -= value;
    }

    public int CachedEntries => _cache.Count;

    public ValueTask<EntityRecord> LoadAsync(EntityKey key, ReadConsistency consistency = ReadConsistency.Cached)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (consistency == ReadConsistency.Cached && _enabled && _cache.TryGet(key, out var entry))
        {
            return ValueTask.FromResult(entry.RecordOrThrow(key));
        }

        return LoadSlowAsync(key, consistency);
    }

    public ValueTask<EntityRecord?> FindAsync(EntityKey key, ReadConsistency consistency = ReadConsistency.Cached)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (consistency == ReadConsistency.Cached && _enabled && _cache.TryGet(key, out var entry))
        {
            return ValueTask.FromResult(entry.Record);
        }

        return FindSlowAsync(key, consistency);
    }

    public async ValueTask<bool> ExistsAsync(EntityKey key, ReadConsistency consistency = ReadConsistency.Cached) =>
        await FindAsync(key, consistency) is not null;

    public async ValueTask<EntityRead> ReadAsync(EntityKey key, ReadConsistency consistency = ReadConsistency.Cached)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (consistency == ReadConsistency.Cached && _enabled && _cache.TryGet(key, out var entry))
        {
            return new EntityRead(entry.Record, false, TimeSpan.Zero);
        }

        var (read, failSafe) = await ReadEntryAsync(key, consistency);
        return failSafe ?? new EntityRead(read!.Record, false, TimeSpan.Zero);
    }

    public Task<ImmutableArray<EntityKey>> ListAsync(EntityKey container, EntityKind kind)
    {
        ArgumentNullException.ThrowIfNull(container);
        return ClientCall.Hedged(() => _cluster.GetEntityGrain(container).ListChildren(kind), _readTimeout, container);
    }

    public Task<ChildPage> ListPageAsync(EntityKey container, EntityKind kind, int pageSize = ChildPage.DefaultPageSize, string? continuationToken = null)
    {
        ChildPage.CheckPageSize(container, pageSize);

        return ClientCall.Hedged(() => _cluster.GetEntityGrain(container).ListChildrenPage(kind, pageSize, continuationToken), _readTimeout, container);
    }

    public async IAsyncEnumerable<EntityKey> ListAllAsync(EntityKey container, EntityKind kind, int pageSize = ChildPage.DefaultPageSize, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? token = null;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await ListPageAsync(container, kind, pageSize, token);
            foreach (var child in page.Children)
            {
                yield return child;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
    }

    public async Task<EntityRecord> CreateAsync(EntityKey key, EntityPayload payload, WriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        _payloadLimit.Check(key, payload);
        var record = await ClientCall.Bounded(CreateCoreAsync(key, payload, options), _writeTimeout, key);
        if (_enabled)
        {
            _cache.PutWritten(record);
        }
        return record;
    }

    public async Task<EntityRecord> AlterAsync(EntityKey key, IEnumerable<EntityChange> changes, WriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(changes);
        ImmutableArray<EntityChange> list = [.. changes];
        _payloadLimit.Check(key, list);
        var record = await ClientCall.Bounded(AlterCoreAsync(key, list, options), _writeTimeout, key);
        if (record.Key != key)
        {
            // Renamed: the old name (and a container's subtree) is gone, the new one exists.
            _cache.ApplyOwn(new EntityChanged { Key = key, Change = ChangeKind.Renamed, Version = record.Version, NewKey = record.Key });
        }

        if (_enabled)
        {
            _cache.PutWritten(record);
        }
        return record;
    }

    public async Task<bool> DropAsync(EntityKey key, bool cascade = false, WriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var dropped = await ClientCall.Bounded(_cluster.GetEntityGrain(key).Drop(cascade, options ?? WriteOptions.Default), _writeTimeout, key);
        _cache.ApplyOwn(new EntityChanged { Key = key, Change = ChangeKind.Dropped, Version = long.MaxValue });
        return dropped;
    }

    public Task WatchAsync(EntityKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Kind == EntityKind.Root)
        {
            throw new ArgumentException("The root belongs to no metalake; watch a metalake or anything in one.", nameof(key));
        }

        var metalake = key.Identifier.Levels[0];
        return ClientCall.Bounded(_subscriptions.EnsureSubscribedAsync(metalake), _writeTimeout, EntityKey.Metalake(metalake));
    }

    private async Task<EntityRecord> CreateCoreAsync(EntityKey key, EntityPayload payload, WriteOptions? options)
    {
        await _subscriptions.EnsureSubscribedAsync(key);
        return await _cluster.GetEntityGrain(key).Create(payload, options ?? WriteOptions.Default);
    }

    private async Task<EntityRecord> AlterCoreAsync(EntityKey key, ImmutableArray<EntityChange> changes, WriteOptions? options)
    {
        await _subscriptions.EnsureSubscribedAsync(key);
        return await _cluster.GetEntityGrain(key).Alter(changes, options ?? WriteOptions.Default);
    }

    private async ValueTask<EntityRecord> LoadSlowAsync(EntityKey key, ReadConsistency consistency)
    {
        var (read, failSafe) = await ReadEntryAsync(key, consistency);
        return failSafe?.Record ?? read!.RecordOrThrow(key);
    }

    private async ValueTask<EntityRecord?> FindSlowAsync(EntityKey key, ReadConsistency consistency)
    {
        var (read, failSafe) = await ReadEntryAsync(key, consistency);
        return failSafe is not null ? failSafe.Record : read!.Record;
    }

    /// <summary>
    /// Reads through to the grain, within the read timeout. When the cluster cannot answer (in time)
    /// and fail-safe allows it, returns the last known value as a stale read instead of failing.
    /// </summary>
    private async Task<(CacheEntry? Read, EntityRead? FailSafe)> ReadEntryAsync(EntityKey key, ReadConsistency consistency)
    {
        try
        {
            return (await ReadThroughAsync(key, consistency), null);
        }
        catch (Exception exception) when (
            exception is CacheUnavailableException
            && consistency == ReadConsistency.Cached
            && _failSafeMaxAge > TimeSpan.Zero
            && _cache.TryGetLastKnown(key, _failSafeMaxAge, out var known, out var age))
        {
            return (null, new EntityRead(known, true, age));
        }
    }

    private async Task<CacheEntry> ReadThroughAsync(EntityKey key, ReadConsistency consistency)
    {
        if (!_enabled)
        {
            return await ClientCall.Hedged(() => ReadGrainAsync(key), _readTimeout, key);
        }

        if (consistency == ReadConsistency.Strong)
        {
            // Straight to the grain; the answer still refreshes the near cache if nothing newer came meanwhile.
            return await ClientCall.Hedged(() => FillAsync(key), _readTimeout, key);
        }

        // The flight is bounded by the read timeout, so no reader that joins it waits longer than that,
        // and a call lost with a dead silo leaves the map when the bound ends, not when Orleans gives up.
        var leader = new TaskCompletionSource<CacheEntry>(TaskCreationOptions.RunContinuationsAsynchronously);
        var flight = _inFlight.GetOrAdd(key, leader.Task);
        if (flight != leader.Task)
        {
            return await flight;
        }

        try
        {
            var result = await ClientCall.Hedged(() => FillAsync(key), _readTimeout, key);
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

    private async Task<CacheEntry> FillAsync(EntityKey key)
    {
        await _subscriptions.EnsureSubscribedAsync(key);
        var ticket = _cache.BeginFill(key);
        return _cache.CompleteFill(key, await ReadGrainAsync(key), ticket);
    }

    private async Task<CacheEntry> ReadGrainAsync(EntityKey key)
    {
        try
        {
            // The grain's held bytes, deserialized once, here: the silo does neither step.
            var held = await _cluster.GetEntityGrain(key).LoadBytes();
            return CacheEntry.Found(_serializer.Deserialize<EntityRecord>(held.Value) ?? throw new InvalidOperationException($"The grain of {key} sent an empty record."));
        }
        catch (EntityNotFoundException notFound)
        {
            return CacheEntry.Missing(notFound);
        }
    }
}
