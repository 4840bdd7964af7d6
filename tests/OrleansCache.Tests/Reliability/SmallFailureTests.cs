using OrleansCache.Entities;
using OrleansCache.Errors;
using OrleansCache.Naming;
using OrleansCache.Tests.Client;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Reliability;

/// <summary>Failures a user would not notice at first: an oversized payload, and the memory a dropped entity kept.</summary>
[Collection(LiveClusterCollection.Name)]
[Trait("Category", "Redis")]
public sealed class SmallFailureTests(LiveClusterFixture fixture)
{
    [Fact]
    public async Task An_oversized_payload_is_refused_by_the_client_before_it_is_sent_and_the_connection_stays_usable()
    {
        var lake = EntityKey.Metalake(Payloads.Unique("big"));
        var huge = new MetalakePayload { Comment = new string('x', 3 * 1024 * 1024) };

        var error = await Assert.ThrowsAsync<PayloadTooLargeException>(() => fixture.A.Cache.CreateAsync(lake, huge));

        Assert.Equal(1024 * 1024, error.LimitBytes);
        Assert.True(error.SizeBytes > 3 * 1024 * 1024);
        Assert.Equal(0, fixture.A.Calls.Count("Create", lake.Identifier.ToString()));
        var created = await fixture.A.Cache.CreateAsync(lake, Payloads.Metalake("fits"));
        Assert.Equal("fits", created.Payload.Comment);
    }

    [Fact]
    public async Task Dropped_entities_leave_silo_memory_at_once_not_at_collection_age()
    {
        var name = Payloads.Unique("dropmem");
        var lake = EntityKey.Metalake(name);
        var catalog = EntityKey.Catalog(name, "c");
        var schema = EntityKey.Schema(name, "c", "s");
        await fixture.A.Cache.CreateAsync(lake, Payloads.Metalake());
        await fixture.A.Cache.CreateAsync(catalog, Payloads.Catalog());
        await fixture.A.Cache.CreateAsync(schema, Payloads.Schema());
        for (var i = 0; i < 20; i++)
        {
            await fixture.A.Cache.CreateAsync(EntityKey.Table(name, "c", "s", $"t{i}"), Payloads.Table());
        }

        var management = fixture.A.Service<IClusterClient>().GetGrain<IManagementGrain>(0);
        async Task<int> ActivationsAsync() =>
            (await management.GetDetailedGrainStatistics()).Count(s => s.GrainId.ToString().Contains(name, StringComparison.Ordinal) && s.GrainId.Type.ToString() == "entity");
        Assert.True(await ActivationsAsync() >= 23);

        Assert.True(await fixture.A.Cache.DropAsync(lake, cascade: true));

        // Collection age is 15 minutes: only deactivation on drop empties silo memory this soon.
        await Eventually.True(async () => await ActivationsAsync() == 0, "every dropped entity's activation is gone", TimeSpan.FromSeconds(30));
    }
}
