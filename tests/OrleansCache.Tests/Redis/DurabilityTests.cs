using System.Text;
using Orleans.TestingHost;
using OrleansCache.Changes;
using OrleansCache.Entities;
using OrleansCache.Grains;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;
using StackExchange.Redis;

namespace OrleansCache.Tests.Redis;

/// <summary>
/// Redis grain storage as the durable L2, against a real redis-server: acknowledged writes survive
/// a killed silo and a full cluster restart, and dropped state leaves nothing behind.
/// </summary>
[Trait("Category", "Redis")]
[Collection(RedisCollection.Name)]
public sealed class DurabilityTests(RedisFixture redis)
{
    [Fact]
    public async Task Acknowledged_writes_survive_a_killed_silo()
    {
        var serviceId = Payloads.Unique("svc");
        await using var cluster = await TestClusters.StartOnRedisAsync(redis.Server.ConnectionString, serviceId, silos: 3);
        var catalog = new Catalog(cluster.Client);
        var schema = await catalog.CreateSchema();
        var tables = Enumerable.Range(0, 60).Select(i => schema.Child(EntityKind.Table, $"t{i}")).ToList();
        var acknowledged = new Dictionary<EntityKey, long>();
        foreach (var table in tables)
        {
            await catalog.Create(table, Payloads.Table());
            acknowledged[table] = (await catalog.Grain(table).Alter([new UpdateComment("acked")], WriteOptions.Default)).Version;
        }

        // Kill a silo that is neither the client's gateway nor the primary; its activations die with it.
        var victim = cluster.Silos.Last();
        await cluster.KillSiloAsync(victim);

        foreach (var (key, version) in acknowledged)
        {
            // Right after a kill, a call routed to the dead silo fails until membership declares it dead.
            var record = await Infrastructure.Eventually.Succeeds(() => catalog.Grain(key).Load(), TimeSpan.FromSeconds(60));
            Assert.Equal(version, record.Version);
            Assert.Equal("acked", record.Payload.Comment);
        }

        Assert.Equal(tables.Count, (await catalog.Grain(schema).ListChildren(EntityKind.Table)).Length);
        var next = await catalog.Grain(tables[0]).Alter([new UpdateComment("after")], WriteOptions.Default);
        Assert.Equal(acknowledged[tables[0]] + 1, next.Version);
    }

    [Fact]
    public async Task State_survives_a_full_cluster_restart_and_what_was_dropped_stays_dropped()
    {
        var serviceId = Payloads.Unique("svc");
        EntityKey kept, dropped, droppedChild, lake;
        long keptVersion, droppedVersion;
        await using (var first = await TestClusters.StartOnRedisAsync(redis.Server.ConnectionString, serviceId))
        {
            var catalog = new Catalog(first.Client);
            var schema = await catalog.CreateSchema();
            lake = schema.Parent.Parent;
            kept = schema.Child(EntityKind.Table, "kept");
            await catalog.Create(kept, Payloads.Table("a", "b"));
            keptVersion = (await catalog.Grain(kept).Alter([new SetProperty("k", "v")], WriteOptions.Default)).Version;

            var doomedSchema = schema.Parent.Child(EntityKind.Schema, "doomed");
            await catalog.Create(doomedSchema, Payloads.Schema());
            droppedChild = doomedSchema.Child(EntityKind.Table, "gone");
            droppedVersion = (await catalog.Create(droppedChild, Payloads.Table())).Version;
            dropped = doomedSchema;
            Assert.True(await catalog.Grain(dropped).Drop(true, WriteOptions.Default));
        }

        await using var second = await TestClusters.StartOnRedisAsync(redis.Server.ConnectionString, serviceId);
        var restarted = new Catalog(second.Client);

        var record = await restarted.Grain(kept).Load();
        Assert.Equal(keptVersion, record.Version);
        Assert.Equal("v", record.Payload.Properties["k"]);
        Assert.Equal(["a", "b"], record.PayloadAs<TablePayload>().Columns.Select(c => c.Name));
        Assert.False(await restarted.Grain(dropped).Exists());
        Assert.False(await restarted.Grain(droppedChild).Exists());
        Assert.Contains(lake, await restarted.Grain(EntityKey.Root).ListChildren(EntityKind.Metalake));
        Assert.Equal(kept.Parent, Assert.Single(await restarted.Grain(kept.Parent.Parent).ListChildren(EntityKind.Schema)));

        // Versions keep growing after the restart, even for a re-created name.
        await restarted.Create(dropped, Payloads.Schema());
        var recreated = await restarted.Create(droppedChild, Payloads.Table());
        Assert.True(recreated.Version > droppedVersion, $"{recreated.Version} should be above {droppedVersion}");
        Assert.Equal(keptVersion + 1, (await restarted.Grain(kept).Alter([new UpdateComment("x")], WriteOptions.Default)).Version);
    }

    [Fact]
    public async Task A_completed_cascade_leaves_no_state_in_redis()
    {
        var serviceId = Payloads.Unique("svc");
        await using var cluster = await TestClusters.StartOnRedisAsync(redis.Server.ConnectionString, serviceId);
        var catalog = new Catalog(cluster.Client);
        var lakeName = Payloads.Unique("lake");
        var schema = await catalog.CreateSchema(lakeName);
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => catalog.Create(schema.Child(EntityKind.Table, $"t{i}"), Payloads.Table())));
        await using var connection = await redis.Server.ConnectAsync();
        Assert.True(StateKeys(connection, serviceId, lakeName).Count >= 23);

        await catalog.Grain(schema.Parent.Parent).Drop(true, WriteOptions.Default);

        Assert.Empty(StateKeys(connection, serviceId, lakeName));
    }

    [Fact]
    public async Task Stored_state_names_wire_aliases_not_clr_types()
    {
        var serviceId = Payloads.Unique("svc");
        await using var cluster = await TestClusters.StartOnRedisAsync(redis.Server.ConnectionString, serviceId);
        var catalog = new Catalog(cluster.Client);
        var lakeName = Payloads.Unique("lake");
        var schema = await catalog.CreateSchema(lakeName);
        await catalog.Create(schema.Child(EntityKind.Table, "t"), Payloads.Table());
        await using var connection = await redis.Server.ConnectAsync();

        var key = Assert.Single(StateKeys(connection, serviceId, $"{lakeName}.cat.sch.t"));
        var stored = await connection.GetDatabase().HashGetAllAsync(key);
        var bytes = stored.SelectMany(entry => ((byte[])entry.Value!) ?? []).ToArray();
        var text = Encoding.UTF8.GetString(bytes);

        // The payload is polymorphic, so its type is written: as its alias, which renames do not change.
        Assert.Contains("oc.TablePayload", text, StringComparison.Ordinal);
        Assert.DoesNotContain("OrleansCache.Grains", text, StringComparison.Ordinal);
        Assert.DoesNotContain("OrleansCache.Abstractions", text, StringComparison.Ordinal);
    }

    private static List<RedisKey> StateKeys(ConnectionMultiplexer connection, string serviceId, string identifierPart)
    {
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        // Entity state only: a metalake's change stream keeps its subscription record while clients
        // are subscribed, since they may well care about a re-created metalake of the same name.
        return server.Keys(pattern: $"{serviceId}/state/entity/*")
            .Where(key => key.ToString().Contains(identifierPart, StringComparison.Ordinal))
            .ToList();
    }
}
