using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansCache.Entities;
using OrleansCache.Errors;
using OrleansCache.Grains.Entities;
using OrleansCache.Naming;
using OrleansCache.Testing;

namespace OrleansCache.Tests.Infrastructure;

/// <summary>
/// Entity records read straight from Redis, as grain storage wrote them (the hash field <c>data</c>
/// of <c>{serviceId}/state/entity/{grain key}/entity</c>, Orleans' binary format): "nothing
/// acknowledged is lost" checked against what is durable, not against what a grain holds in memory,
/// which would also show a write acknowledged before it reached Redis.
/// </summary>
internal static class StoredEntities
{
    private static readonly Lazy<OrleansGrainStorageSerializer> Storage = new(() =>
    {
        var services = new ServiceCollection()
            .AddSerializer(serializer => serializer.AddAssembly(typeof(EntityState).Assembly).AddAssembly(typeof(EntityRecord).Assembly))
            .BuildServiceProvider();
        return new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>());
    });

    /// <summary>Grain storage's serializer of entity state, as the silos configure it (Orleans' binary codec).</summary>
    public static OrleansGrainStorageSerializer StorageSerializer => Storage.Value;

    /// <summary>The record stored for <paramref name="key"/> under the service <paramref name="serviceId"/>.</summary>
    /// <exception cref="EntityNotFoundException">Redis holds no record of it.</exception>
    public static async Task<EntityRecord> ReadAsync(RedisServer redis, EntityKey key, string serviceId = "orleanscache")
    {
        await using var connection = await redis.ConnectAsync();
        var data = await connection.GetDatabase().HashGetAsync($"{serviceId}/state/entity/{key.ToGrainKey()}/entity", "data");
        var state = data.IsNullOrEmpty ? null : Storage.Value.Deserialize<EntityState>(new BinaryData((byte[])data!));
        return state?.Record ?? throw new EntityNotFoundException(key.Identifier.ToString(), key.Kind, key.Kind, key.Identifier.ToString());
    }
}
