using System.Collections.Concurrent;
using OrleansCache.Changes;
using OrleansCache.Entities;
using OrleansCache.Grains;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansCache.Tests.Redis;

/// <summary>
/// Entity storage on a Redis Cluster of 3 masters with a replica each: keys spread over the masters,
/// a master killed with SIGKILL fails over and writes resume; with WaitForReplicas=1 (Redis WAIT)
/// no acknowledged write is lost in the failover.
/// </summary>
[Collection(RedisCollection.Name)]
[Trait("Category", "Redis")]
public sealed class RedisClusterTests(ITestOutputHelper output)
{
    private const int Entities = 48;

    [Fact]
    public async Task A_write_that_cannot_reach_the_required_replicas_is_not_acknowledged()
    {
        await using var redis = await RedisClusterServer.StartAsync();
        await using var cluster = await TestClusters.StartOnRedisAsync(redis.ConnectionString, Payloads.Unique("rc"), waitForReplicas: 2);

        // Each master has one replica: WAIT 2 can never be satisfied.
        var error = await Assert.ThrowsAsync<Errors.StorageUnavailableException>(() =>
            cluster.Client.GetEntityGrain(EntityKey.Metalake("needs_two")).Create(new MetalakePayload(), WriteOptions.Default));

        Assert.Contains("of 2 replica(s)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public async Task A_killed_master_fails_over_writes_resume_and_with_wait_no_acknowledged_write_is_lost(int waitForReplicas)
    {
        await using var redis = await RedisClusterServer.StartAsync();
        var serviceId = Payloads.Unique("rc");
        var lakes = Enumerable.Range(0, Entities).Select(i => EntityKey.Metalake($"rc_{i}")).ToArray();
        var acknowledged = new Reliability.AcknowledgedWrites();
        var log = new Reliability.CallLog();
        double killedAt;
        await using (var cluster = await TestClusters.StartOnRedisAsync(redis.ConnectionString, serviceId, waitForReplicas: waitForReplicas))
        {
            var grains = cluster.Client;
            foreach (var lake in lakes)
            {
                acknowledged.Record(await grains.GetEntityGrain(lake).Create(new MetalakePayload { Comment = "v0" }, WriteOptions.Default), "v0");
            }

            var keys = await redis.KeysPerMasterAsync();
            output.WriteLine($"keys per master: {string.Join(", ", keys.Select(k => $"{k.Key}={k.Value}"))}");
            Assert.Equal(3, keys.Count);
            Assert.All(keys.Values, count => Assert.True(count > 0, "every master holds entity keys"));

            using var stop = new CancellationTokenSource();
            var loops = acknowledged.StartWriters(
                lakes,
                (lake, comment) => grains.GetEntityGrain(lake).Alter([new UpdateComment(comment)], WriteOptions.Default).WaitAsync(TimeSpan.FromSeconds(10)),
                log,
                TimeSpan.FromMilliseconds(50),
                stop.Token);

            await Eventually.True(() => log.Of("write").Count(c => c.Failure is null) >= 300, "writes are acknowledged");
            var victim = keys.OrderByDescending(k => k.Value).First().Key;
            killedAt = log.Now;
            await redis.KillAsync(victim);
            await Eventually.True(
                () => lakes.All(lake => log.Of("write").Any(c => c.Failure is null && c.Start > killedAt)) && log.Now > killedAt + 2,
                "writes to every entity resume after the failover",
                TimeSpan.FromSeconds(60));
            await stop.CancelAsync();
            await Task.WhenAll(loops);
        }

        var writes = log.Of("write").Where(c => c.End >= killedAt).ToList();
        var lastFailure = writes.Where(c => c.Failure is not null).Select(c => c.End - killedAt).DefaultIfEmpty(0).Max();
        output.WriteLine($"WaitForReplicas={waitForReplicas}: after the kill {writes.Count} writes ({Reliability.CallLog.Describe(writes)}); the last failure ended {lastFailure:0.000} s after the kill (the write gap)");

        // A new cluster reads every entity from Redis: what survived the failover.
        IReadOnlyList<string> lost;
        await using (var fresh = await TestClusters.StartOnRedisAsync(redis.ConnectionString, serviceId))
        {
            lost = await acknowledged.FindLostAsync(lake => Eventually.Succeeds(() => fresh.Client.GetEntityGrain(lake).Load()));
        }

        output.WriteLine($"acknowledged writes lost: {lost.Count}");
        foreach (var line in lost)
        {
            output.WriteLine(line);
        }
        // README: a failover interrupts writes for 2.1-2.3 s; asserted at 5 s.
        Assert.True(lastFailure <= 5, $"writes failed until {lastFailure:0.000} s after the kill");
        if (waitForReplicas > 0)
        {
            Assert.Empty(lost);
        }
    }
}
