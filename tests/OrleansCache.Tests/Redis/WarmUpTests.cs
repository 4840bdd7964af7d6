using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using OrleansCache.Grains.Usage;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Redis;

/// <summary>A restarted silo re-activates the most read entities from the usage record in Redis.</summary>
[Trait("Category", "Redis")]
[Collection(RedisCollection.Name)]
public sealed class WarmUpTests(RedisFixture redis)
{
    [Fact]
    public async Task A_restarted_silo_activates_the_most_read_entities_before_any_client_asks()
    {
        await using var cluster = await LiveCluster.StartAsync(redis.Server, silos: 0);
        cluster.ExtraSettings["OrleansCache:WarmUp:TopEntities"] = "3";
        cluster.ExtraSettings["OrleansCache:WarmUp:FlushPeriod"] = "00:00:01";
        var silo = await cluster.StartSiloAsync();
        var client = await cluster.ConnectAsync(options => options.Enabled = false);
        var schema = await client.Cache.CreateSchemaAsync();
        var hot = Enumerable.Range(0, 3).Select(i => schema.Child(EntityKind.Table, $"hot{i}")).ToList();
        var cold = schema.Child(EntityKind.Table, "cold");
        foreach (var table in hot.Append(cold))
        {
            await client.Cache.CreateAsync(table, Payloads.Table());
        }

        for (var i = 0; i < 20; i++)
        {
            foreach (var table in hot)
            {
                await client.Cache.LoadAsync(table);
            }
        }

        await client.Cache.LoadAsync(cold);
        var record = silo.Services.GetRequiredService<UsageRecord>();
        await Eventually.True(
            async () => (await record.TopAsync(3)).Order().SequenceEqual(hot.Select(k => k.ToGrainKey()).Order()),
            "the usage record ranks the hot tables first");

        await cluster.StopSiloAsync(silo);
        var restarted = await cluster.StartSiloAsync();
        var activated = await restarted.Services.GetRequiredService<WarmUp>().Completed.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(3, activated);
        var grains = restarted.Services.GetRequiredService<IGrainFactory>();
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var active = statistics.Select(s => s.GrainId.ToString()).ToHashSet(StringComparer.Ordinal);
        Assert.All(hot, table => Assert.Contains(active, id => id.EndsWith(table.ToGrainKey(), StringComparison.Ordinal)));
        Assert.DoesNotContain(active, id => id.EndsWith(cold.ToGrainKey(), StringComparison.Ordinal));
    }
}
