using Npgsql;
using OrleansCache.Entities;
using OrleansCache.Naming;
using OrleansCache.Origin.Gravitino.Store;

namespace OrleansCache.Tests.Origin;

/// <summary>
/// The store's one-round-trip read (position and entity batched): the same entity under
/// PostgreSQL's default read committed and under a session whose default isolation is stricter (where
/// the batch would share one snapshot taken before the position, so the entity is read again alone).
/// </summary>
[Collection(OriginCollection.Name)]
[Trait("Category", "Postgres")]
public sealed class OriginStoreTests(OriginFixture fixture)
{
    [Fact]
    public async Task A_table_at_its_current_version_reads_the_same_under_read_committed_and_a_stricter_session_default()
    {
        var writer = fixture.Writer;
        var (lakeName, lake, catalog, schema) = await writer.HierarchyAsync("store");
        var id = await writer.TableAsync(lake, catalog, schema, "t", "first", ("a", "\"long\""), ("b", "\"string\""));
        await writer.AlterTableAsync(id, "second", ("c", "\"integer\""));
        var key = EntityKey.Table(lakeName, "rel", "s", "t");
        var serializable = new NpgsqlConnectionStringBuilder(fixture.Postgres.ConnectionString) { Options = "-c default_transaction_isolation=serializable" };

        foreach (var connectionString in new[] { fixture.Postgres.ConnectionString, serializable.ConnectionString })
        {
            await using var source = NpgsqlDataSource.Create(connectionString);
            var store = new GravitinoStore(source);
            await using (var connection = await source.OpenConnectionAsync())
            {
                var before = await GravitinoStore.CurrentPositionAsync(connection, CancellationToken.None);
                var read = await store.LoadAsync(key, CancellationToken.None);

                Assert.NotNull(read);
                Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), read.OriginId);
                Assert.InRange(read.Position, before, long.MaxValue);
                var table = Assert.IsType<TablePayload>(read.Record.Payload);
                Assert.Equal("second", table.Comment);
                Assert.Equal(["a", "b", "c"], table.Columns.Select(column => column.Name));
            }

            Assert.Null(await store.LoadAsync(EntityKey.Table(lakeName, "rel", "s", "absent"), CancellationToken.None));
        }
    }
}
