using OrleansCache.Changes;
using OrleansCache.Entities;
using OrleansCache.Grains;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Redis;

/// <summary>
/// The shape of a stored key is a contract with every byte already in Redis: renaming a grain
/// class, moving it or changing Orleans' naming convention must not change it. Grain types are
/// pinned with <c>[GrainType]</c>; this test fails if a stored key's shape moves.
/// </summary>
[Trait("Category", "Redis")]
[Collection(RedisCollection.Name)]
public sealed class StoredKeyTests(RedisFixture redis)
{
    [Fact]
    public async Task An_entity_is_stored_under_service_state_entity_its_key_and_the_state_name()
    {
        var serviceId = Payloads.Unique("svc");
        await using var cluster = await TestClusters.StartOnRedisAsync(redis.Server.ConnectionString, serviceId, silos: 1);
        var lake = EntityKey.Metalake(Payloads.Unique("keyshape"));

        await cluster.Client.GetEntityGrain(lake).Create(new MetalakePayload(), WriteOptions.Default);

        await using var connection = await redis.Server.ConnectAsync();
        var keys = connection.GetServers().Single().Keys(pattern: $"{serviceId}/*").Select(key => key.ToString()).ToList();
        Assert.Contains($"{serviceId}/state/entity/{lake.ToGrainKey()}/entity", keys);
        Assert.Equal($"entity/{lake.ToGrainKey()}", cluster.Client.GetEntityGrain(lake).GetGrainId().ToString());

        // The root's child index: a sorted set holding the metalake as kind-token:name at score 0.
        var index = $"{serviceId}/children/{EntityKey.Root.ToGrainKey()}";
        Assert.Contains(index, keys);
        Assert.Equal(0, await connection.GetDatabase().SortedSetScoreAsync(index, $"metalake:{lake.Identifier.Name}"));
    }

    [Fact]
    public void Grain_ids_keep_their_pinned_type_names()
    {
        Assert.Equal("entity", GrainTypeOf<OrleansCache.Grains.Entities.EntityGrain>());
        Assert.Equal("changelog", GrainTypeOf<OrleansCache.Grains.Events.ChangeLogGrain>());
        Assert.Equal("arrivalqueue", GrainTypeOf<OrleansCache.Streaming.Queues.ArrivalQueueGrain>());
        Assert.Equal("originfeed", GrainTypeOf<OrleansCache.Grains.Origins.OriginFeedGrain>());
        Assert.Equal("child-index", GrainTypeOf<OrleansCache.Grains.Children.ChildIndexGrain>());
    }

    private static string GrainTypeOf<TGrain>() =>
        typeof(TGrain).GetCustomAttributes(typeof(GrainTypeAttribute), inherit: false).Cast<GrainTypeAttribute>().Single().GetGrainType(null!, typeof(TGrain)).ToString()!;
}
