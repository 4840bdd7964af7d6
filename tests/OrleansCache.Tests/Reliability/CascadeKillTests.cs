using System.Diagnostics;
using Orleans.Runtime.Placement;
using Orleans.TestingHost;
using OrleansCache.Changes;
using OrleansCache.Grains;
using OrleansCache.Grains.Children;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace OrleansCache.Tests.Reliability;

/// <summary>
/// A cascade drop of a very large container, on real silos over a real Redis, with the silo running
/// it killed mid-way: a retried drop resumes from the stored intent and the child index, completes,
/// and leaves no key of the subtree in Redis. The children are stored by a helper (index entry, then
/// state, as a create leaves them) because filling the container is not what is under test.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class CascadeKillTests(RedisFixture redis, ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Redis")]
    public Task A_cascade_over_20000_children_survives_the_kill_of_its_silo_and_leaves_nothing_in_redis() =>
        DropWithKill(20_000);

    [Fact]
    [Trait("Category", "Heavy")]
    public Task A_cascade_over_200000_children_survives_the_kill_of_its_silo_and_leaves_nothing_in_redis() =>
        DropWithKill(200_000);

    private async Task DropWithKill(int children)
    {
        var serviceId = Payloads.Unique("svc");
        await using var cluster = await TestClusters.StartOnRedisAsync(redis.Server.ConnectionString, serviceId, silos: 2);
        var catalog = new Catalog(cluster.Client);
        var victim = cluster.Silos[1];
        var schema = await SchemaHostedOn(cluster, catalog, victim);
        var silo = new SiloServices(cluster);
        var clock = Stopwatch.StartNew();
        await silo.SeedTablesAsync(schema, children, version: 5);
        output.WriteLine($"seeded {children} tables in {clock.ElapsedMilliseconds} ms");
        Assert.Equal(children, await silo.Index.Count(schema));

        clock.Restart();
        var drop = catalog.Grain(schema).Drop(true, WriteOptions.Default);
        await Eventually.True(async () => await silo.Index.Count(schema) <= children * 3 / 4, "a quarter of the children are dropped", TimeSpan.FromSeconds(120));
        await cluster.KillSiloAsync(victim);
        var left = await silo.Index.Count(schema);
        output.WriteLine($"killed the cascade's silo after {clock.ElapsedMilliseconds} ms with {left} children left");
        Assert.InRange(left, 1, children - 1);
        await Assert.ThrowsAnyAsync<Exception>(() => drop);

        // The retry finds the stored intent and finishes the cascade (or finds it finished by the new
        // activation's own resume, when the retry timed out waiting for it: then it answers false).
        await Eventually.Succeeds(() => catalog.Grain(schema).Drop(true, WriteOptions.Default), TimeSpan.FromSeconds(180));
        output.WriteLine($"cascade complete {clock.ElapsedMilliseconds} ms after it began");

        Assert.False(await catalog.Grain(schema).Exists());
        Assert.DoesNotContain(schema, await catalog.Grain(schema.Parent).ListChildren(EntityKind.Schema));
        Assert.Equal(0, await silo.Index.Count(schema));
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString);
        var leftBehind = new List<string>();
        await foreach (var key in connection.GetServers()[0].KeysAsync(pattern: $"{serviceId}*", pageSize: 10_000))
        {
            if (key.ToString().Contains(schema.Identifier.ToString(), StringComparison.Ordinal))
            {
                leftBehind.Add(key.ToString());
            }
        }

        Assert.Empty(leftBehind);
        Assert.Null(await connection.GetDatabase().SortedSetScoreAsync(RedisChildIndex.ChildrenKey(serviceId, schema.Parent), "schema:" + schema.Identifier.Name));
    }

    /// <summary>
    /// A fresh schema whose grain is active on <paramref name="silo"/> (not the primary, which the
    /// cluster needs). The default placement weighs silo load, so it is not random: a hint places
    /// the activation rather than a search that may never land on the victim.
    /// </summary>
    private static async Task<EntityKey> SchemaHostedOn(InProcessTestCluster cluster, Catalog catalog, InProcessSiloHandle silo)
    {
        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        var catalogKey = (await catalog.CreateSchema()).Parent;
        var schema = catalogKey.Child(EntityKind.Schema, "big");
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo.SiloAddress);
        try
        {
            await catalog.Create(schema, Payloads.Schema());
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }

        Assert.Equal(silo.SiloAddress, await management.GetActivationAddress(catalog.Grain(schema)));
        return schema;
    }
}
