using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansCache.Client;
using OrleansCache.Client.Caching;
using OrleansCache.Errors;
using OrleansCache.Naming;
using OrleansCache.Origins;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Origin;

/// <summary>PostgreSQL stopped and started under a running cluster.</summary>
[Collection(OriginCollection.Name)]
[Trait("Category", "Postgres")]
public sealed class OriginOutageTests(OriginFixture fixture)
{
    [Fact]
    public async Task With_the_origin_down_cached_reads_continue_misses_name_the_origin_and_the_feed_resumes()
    {
        var writer = fixture.Writer;
        var lakeName = Payloads.Unique("down");
        var lake = await writer.MetalakeAsync(lakeName);
        var catalog = await writer.CatalogAsync(lake, "rel");
        var schema = await writer.SchemaAsync(lake, catalog, "s");
        var table = await writer.TableAsync(lake, catalog, schema, "t", ("id", "\"long\""));
        var key = EntityKey.Table(lakeName, "rel", "s", "t");
        var cached = await fixture.A.Cache.LoadAsync(key);

        // A fill that raced the table's own create event is not stored (the fill fence): read until
        // A holds the entry, so the outage below meets a cached entity.
        var near = fixture.A.Service<NearCache>();
        await Eventually.True(async () => { cached = await fixture.A.Cache.LoadAsync(key); return near.Holds(key); }, "A holds the table");
        var readiness = new global::OrleansCache.Silo.OriginReadinessCheck(fixture.Cluster.Silos[0].Services.GetRequiredService<ICatalogOrigin>());
        Assert.Equal(HealthStatus.Healthy, (await readiness.CheckHealthAsync(new HealthCheckContext())).Status);

        await fixture.Postgres.StopAsync();
        try
        {
            var served = await fixture.A.Cache.LoadAsync(key);
            Assert.Equal((cached.Version, "v1"), (served.Version, served.Payload.Comment));
            Assert.Equal(cached.Version, (await fixture.B.Cache.LoadAsync(key, ReadConsistency.Strong)).Version);
            var miss = await Assert.ThrowsAsync<OriginUnavailableException>(async () => await fixture.B.Cache.LoadAsync(EntityKey.Table(lakeName, "rel", "s", "other")));
            Assert.Contains("Gravitino PostgreSQL", miss.Message);
            var report = await readiness.CheckHealthAsync(new HealthCheckContext());
            Assert.Equal(HealthStatus.Degraded, report.Status);
            Assert.Contains("Gravitino PostgreSQL", report.Description);
        }
        finally
        {
            await fixture.Postgres.StartServerAsync();

            // This process's own pooled connections (the writer's) died with the server.
            Npgsql.NpgsqlConnection.ClearAllPools();
        }

        await fixture.WaitForFeedAsync();
        await writer.AlterTableAsync(table, "after-restart");
        foreach (var client in new[] { fixture.A, fixture.B })
        {
            await Eventually.True(async () => (await client.Cache.FindAsync(key))?.Payload.Comment == "after-restart", "the change made after PostgreSQL came back arrives");
        }
    }
}
