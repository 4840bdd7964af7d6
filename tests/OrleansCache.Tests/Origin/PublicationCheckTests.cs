using Npgsql;
using OrleansCache.Origin.Gravitino;
using OrleansCache.Origin.Gravitino.Replication;
using Microsoft.Extensions.Logging.Abstractions;

namespace OrleansCache.Tests.Origin;

/// <summary>The start-up check never lets the cache run on a publication that breaks Gravitino's writes.</summary>
[Collection(OriginCollection.Name)]
[Trait("Category", "Postgres")]
public sealed class PublicationCheckTests(OriginFixture fixture)
{
    [Fact]
    public async Task A_publication_of_table_version_info_updates_is_refused_because_it_breaks_gravitinos_writes()
    {
        await using var connection = await fixture.Postgres.OpenAsync();
        await GravitinoWriter.ExecAsync(connection, null, "CREATE PUBLICATION unsafe_pub FOR TABLE metalake_meta, table_version_info");
        try
        {
            // What Gravitino's own soft delete of a table version would hit under that publication.
            var write = await Assert.ThrowsAsync<PostgresException>(() => GravitinoWriter.ExecAsync(connection, null, "UPDATE table_version_info SET deleted_at = 1 WHERE table_id = -1"));
            Assert.Equal("55000", write.SqlState);

            var options = OriginFixture.Options(fixture.Postgres);
            options.Publication = "unsafe_pub";
            options.CreatePublication = false;
            await using var origin = new GravitinoOrigin(options, NullLogger<GravitinoOrigin>.Instance);
            var refused = await Assert.ThrowsAsync<OriginConfigurationException>(() => origin.CheckSetupAsync(options, CancellationToken.None));
            Assert.Contains("table_version_info", refused.Message);
            Assert.Contains("55000", refused.Message);
        }
        finally
        {
            await GravitinoWriter.ExecAsync(connection, null, "DROP PUBLICATION unsafe_pub");
        }
    }

    [Fact]
    public async Task A_missing_publication_is_named_with_the_statement_to_create_it_when_the_cache_may_not()
    {
        var options = OriginFixture.Options(fixture.Postgres);
        options.Publication = "absent_pub";
        options.CreatePublication = false;
        await using var origin = new GravitinoOrigin(options, NullLogger<GravitinoOrigin>.Instance);
        var refused = await Assert.ThrowsAsync<OriginConfigurationException>(() => origin.CheckSetupAsync(options, CancellationToken.None));
        Assert.Contains("CREATE PUBLICATION absent_pub FOR TABLE metalake_meta", refused.Message);
    }

    [Fact]
    public async Task Silos_starting_together_on_a_missing_publication_all_start_and_one_publication_is_created()
    {
        // Several silos of a fresh deployment run the check at the same moment; each may find the
        // publication missing and create it. None may fail start-up because another won the race.
        var options = OriginFixture.Options(fixture.Postgres);
        options.Publication = "raced_pub";
        options.CreatePublication = true;
        var origins = Enumerable.Range(0, 6).Select(_ => new GravitinoOrigin(options, NullLogger<GravitinoOrigin>.Instance)).ToList();
        try
        {
            for (var round = 0; round < 5; round++)
            {
                await Task.WhenAll(origins.Select(origin => origin.CheckSetupAsync(options, CancellationToken.None)));
                await using var connection = await fixture.Postgres.OpenAsync();
                await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_publication WHERE pubname = 'raced_pub'", connection);
                Assert.Equal(1L, (long)(await count.ExecuteScalarAsync())!);
                await GravitinoWriter.ExecAsync(connection, null, "DROP PUBLICATION raced_pub");
            }
        }
        finally
        {
            foreach (var origin in origins)
            {
                await origin.DisposeAsync();
            }
        }
    }
}
