using OrleansCache.Naming;
using StackExchange.Redis;

namespace OrleansCache.Grains.Children;

/// <summary>
/// The child index in Redis: per container, a sorted set of <see cref="ChildIndexMember"/>s, all at
/// score 0 so ZRANGEBYLEX pages them by name, and in origin mode a hash from origin reference to the
/// child's grain key. Keys: <c>{serviceId}/children/{container grain key}</c> and
/// <c>{serviceId}/origin-children/{container grain key}</c>, one key each, so every command touches
/// one hash slot (Redis Cluster). With <c>waitForReplicas</c> above 0 each write is followed by
/// <c>WAIT</c> on the connection that carried it, as grain storage does.
/// </summary>
internal sealed class RedisChildIndex : IChildIndex, IAsyncDisposable
{
    private readonly string _serviceId;
    private readonly int _replicas;
    private readonly TimeSpan _waitTimeout;
    private readonly Lazy<Task<ConnectionMultiplexer>> _connection;

    public RedisChildIndex(ConfigurationOptions redis, string serviceId, int waitForReplicas, TimeSpan waitTimeout)
    {
        ArgumentNullException.ThrowIfNull(redis);
        var options = redis.Clone();
        options.AbortOnConnectFail = false;
        _serviceId = serviceId;
        _replicas = waitForReplicas;
        _waitTimeout = waitTimeout;
        _connection = new(() => ConnectionMultiplexer.ConnectAsync(options));
    }

    /// <summary>The sorted set that indexes <paramref name="container"/>'s children.</summary>
    public static string ChildrenKey(string serviceId, EntityKey container) => $"{serviceId}/children/{container.ToGrainKey()}";

    /// <summary>The hash that holds <paramref name="container"/>'s children by origin reference.</summary>
    public static string OriginKey(string serviceId, EntityKey container) => $"{serviceId}/origin-children/{container.ToGrainKey()}";

    public async Task Add(EntityKey container, IReadOnlyCollection<EntityKey> children)
    {
        if (children.Count == 0)
        {
            return;
        }

        var key = ChildrenKey(_serviceId, container);
        var db = await Database();
        await db.SortedSetAddAsync(key, [.. children.Select(child => new SortedSetEntry(ChildIndexMember.Of(child), 0))]);
        await Acknowledged(key);
    }

    public async Task Remove(EntityKey container, IReadOnlyCollection<EntityKey> children)
    {
        if (children.Count == 0)
        {
            return;
        }

        var key = ChildrenKey(_serviceId, container);
        var db = await Database();
        await db.SortedSetRemoveAsync(key, [.. children.Select(child => (RedisValue)ChildIndexMember.Of(child))]);
        await Acknowledged(key);
    }

    public async Task<IReadOnlyList<EntityKey>> Page(EntityKey container, EntityKind? kind, string? after, int limit)
    {
        var db = await Database();
        RedisValue[] members;
        if (kind is { } k)
        {
            // Exclusive bounds ("(" prefix): strictly after the token, strictly before the next kind.
            members = await db.SortedSetRangeByValueAsync(
                ChildrenKey(_serviceId, container), ChildIndexMember.After(k, after), ChildIndexMember.End(k), Exclude.Both, Order.Ascending, 0, limit);
        }
        else
        {
            members = await db.SortedSetRangeByValueAsync(ChildrenKey(_serviceId, container), default, default, Exclude.None, Order.Ascending, 0, limit);
        }

        return [.. members.Select(member => ChildIndexMember.Parse(container, member.ToString()))];
    }

    public async Task<long> Count(EntityKey container) =>
        await (await Database()).SortedSetLengthAsync(ChildrenKey(_serviceId, container));

    public async Task<EntityKey?> FindOrigin(EntityKey container, string originRef)
    {
        var held = await (await Database()).HashGetAsync(OriginKey(_serviceId, container), originRef);
        return held.IsNull ? null : EntityKey.ParseGrainKey(held.ToString());
    }

    public async Task SetOrigin(EntityKey container, IReadOnlyDictionary<string, EntityKey> children)
    {
        if (children.Count == 0)
        {
            return;
        }

        var key = OriginKey(_serviceId, container);
        var db = await Database();
        await db.HashSetAsync(key, [.. children.Select(pair => new HashEntry(pair.Key, pair.Value.ToGrainKey()))]);
        await Acknowledged(key);
    }

    public async Task RemoveOrigin(EntityKey container, string originRef)
    {
        var key = OriginKey(_serviceId, container);
        await (await Database()).HashDeleteAsync(key, originRef);
        await Acknowledged(key);
    }

    public async Task<(IReadOnlyList<EntityKey> Children, long Cursor)> ScanOrigin(EntityKey container, long cursor, int count)
    {
        var db = await Database();
        var reply = (RedisResult[])(await db.ExecuteAsync("HSCAN", (RedisKey)OriginKey(_serviceId, container), cursor, "COUNT", count))!;
        var next = (long)reply[0];
        var pairs = (RedisResult[])reply[1]!;
        var children = new List<EntityKey>(pairs.Length / 2);
        for (var i = 1; i < pairs.Length; i += 2)
        {
            children.Add(EntityKey.ParseGrainKey(pairs[i].ToString()));
        }

        return (children, next);
    }

    public async Task Clear(EntityKey container)
    {
        var db = await Database();
        var children = ChildrenKey(_serviceId, container);
        var origin = OriginKey(_serviceId, container);
        await Task.WhenAll(db.KeyDeleteAsync(children), db.KeyDeleteAsync(origin));
        await Acknowledged(children);
        await Acknowledged(origin);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated)
        {
            await (await _connection.Value).DisposeAsync();
        }
    }

    private async Task<IDatabase> Database() => (await _connection.Value).GetDatabase();

    private async Task Acknowledged(RedisKey key)
    {
        if (_replicas <= 0)
        {
            return;
        }

        // WAIT covers the writes its own connection sent before it, on the master owning the key.
        var server = (await _connection.Value).GetServer(key);
        var acknowledged = (long)await server.ExecuteAsync("WAIT", _replicas, (long)_waitTimeout.TotalMilliseconds);
        if (acknowledged < _replicas)
        {
            throw new Storage.ReplicationShortfallException($"the child index write reached {acknowledged} of {_replicas} replica(s) of {server.EndPoint} within {_waitTimeout.TotalMilliseconds:0} ms");
        }
    }
}
