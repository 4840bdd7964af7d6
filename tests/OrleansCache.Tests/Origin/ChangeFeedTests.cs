using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OrleansCache.Client;
using OrleansCache.Entities;
using OrleansCache.Errors;
using OrleansCache.Events;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Origin;

/// <summary>
/// Changes committed to Gravitino's PostgreSQL reach both clients' near caches through logical
/// replication: creates, alters, renames (by origin id), drops and cascades, including across a
/// terminated replication connection and a transaction that commits out of id order.
/// </summary>
[Collection(OriginCollection.Name)]
[Trait("Category", "Postgres")]
public sealed class ChangeFeedTests(OriginFixture fixture)
{
    private GravitinoWriter Writer => fixture.Writer;

    private IOrleansCacheClient A => fixture.A.Cache;

    private IOrleansCacheClient B => fixture.B.Cache;

    [Fact]
    public async Task Create_alter_rename_and_drop_reach_both_clients()
    {
        var (lakeName, lake, catalog, schema) = await Writer.HierarchyAsync("cf");
        var tableKey = EntityKey.Table(lakeName, "rel", "s", "t");
        Assert.Null(await A.FindAsync(tableKey));
        Assert.Null(await B.FindAsync(tableKey));

        var table = await Writer.TableAsync(lake, catalog, schema, "t", ("id", "\"long\""));
        await BothSeeAsync(tableKey, record => record is not null, "the created table");
        var created = (await A.LoadAsync(tableKey)).Version;

        await Writer.AlterTableAsync(table, "second", ("name", "\"string\""));
        await BothSeeAsync(tableKey, record => record?.Payload.Comment == "second", "the altered comment");
        var altered = await B.LoadAsync(tableKey);
        Assert.True(altered.Version > created, $"version {altered.Version} after the alter is not above {created}");
        Assert.Equal(["id", "name"], altered.PayloadAs<TablePayload>().Columns.Select(c => c.Name));

        await Writer.RenameAsync("table_meta", "table_id", "table_name", table, "t2");
        var renamed = EntityKey.Table(lakeName, "rel", "s", "t2");
        await BothSeeAsync(tableKey, record => record is null, "the old name gone");
        await BothSeeAsync(renamed, record => record?.Payload.Comment == "second", "the new name");

        await Writer.SoftDeleteAsync("table_meta", "table_id", table);
        await BothSeeAsync(renamed, record => record is null, "the dropped table gone");
    }

    [Fact]
    public async Task A_container_rename_moves_the_subtree_and_a_cascade_empties_it_at_both_clients()
    {
        var (lakeName, lake, catalog, schema) = await Writer.HierarchyAsync("sub");
        await Writer.TableAsync(lake, catalog, schema, "t", ("id", "\"long\""));
        var oldTable = EntityKey.Table(lakeName, "rel", "s", "t");
        await BothSeeAsync(oldTable, record => record is not null, "the table");

        await Writer.RenameAsync("catalog_meta", "catalog_id", "catalog_name", catalog, "rel2");
        var newTable = EntityKey.Table(lakeName, "rel2", "s", "t");
        await BothSeeAsync(oldTable, record => record is null, "the table under the old catalog name gone");
        await BothSeeAsync(newTable, record => record is not null, "the table under the new catalog name");
        await BothSeeAsync(EntityKey.Schema(lakeName, "rel", "s"), record => record is null, "the schema under the old catalog name gone");

        await Writer.DropCatalogCascadeAsync(catalog);
        await BothSeeAsync(newTable, record => record is null, "the cascaded table gone");
        await BothSeeAsync(EntityKey.Schema(lakeName, "rel2", "s"), record => record is null, "the cascaded schema gone");
        await BothSeeAsync(EntityKey.Catalog(lakeName, "rel2"), record => record is null, "the dropped catalog gone");
        Assert.Empty(await A.ListAsync(EntityKey.Metalake(lakeName), EntityKind.Catalog));
    }

    [Fact]
    public async Task A_terminated_replication_connection_reconnects_and_loses_nothing()
    {
        var (lakeName, lake, catalog, schema) = await Writer.HierarchyAsync("term");
        var table = await Writer.TableAsync(lake, catalog, schema, "t", ("id", "\"long\""));
        var key = EntityKey.Table(lakeName, "rel", "s", "t");
        await BothSeeAsync(key, record => record is not null, "the table");

        var pid = await fixture.ReplicationPidAsync();
        Assert.NotNull(pid);
        await using (var connection = await fixture.Postgres.OpenAsync())
        await using (var terminate = new NpgsqlCommand("SELECT pg_terminate_backend($1)", connection) { Parameters = { new() { Value = pid!.Value } } })
        {
            Assert.True((bool)(await terminate.ExecuteScalarAsync())!);
        }

        // Committed while no consumer is connected: kept by the slot, delivered on reconnection.
        await Writer.AlterTableAsync(table, "while-away");
        await BothSeeAsync(key, record => record?.Payload.Comment == "while-away", "the change made while the feed was disconnected");
        Assert.NotEqual(pid, await fixture.ReplicationPidAsync());
    }

    [Fact]
    public async Task A_transaction_that_commits_out_of_id_order_is_still_seen()
    {
        // apache/gravitino #11736: a poller reading id > last_id skips a row whose transaction took a
        // lower id but committed after a higher one. Replication delivers by commit, so both arrive.
        var lakeName = Payloads.Unique("ooo");
        var lake = await Writer.MetalakeAsync(lakeName);
        var early = EntityKey.Tag(lakeName, "early");
        var late = EntityKey.Tag(lakeName, "late");
        Assert.Null(await B.FindAsync(early));
        Assert.Null(await B.FindAsync(late));

        await using var slow = await fixture.Postgres.OpenAsync();
        await using var transaction = await slow.BeginTransactionAsync();
        var lowId = GravitinoWriter.NewId();
        await GravitinoWriter.ExecAsync(slow, transaction, "INSERT INTO tag_meta (tag_id, tag_name, metalake_id, audit_info) VALUES ($1,'early',$2,$3)", lowId, lake, GravitinoWriter.Audit);
        await GravitinoWriter.ExecAsync(slow, transaction, "INSERT INTO entity_change_log (metalake_name, entity_type, entity_full_name, operate_type, created_at) VALUES ($1,'TAG','early',3,0)", lakeName);
        await Writer.TagAsync(lake, "late");
        await Writer.ExecAsync("INSERT INTO entity_change_log (metalake_name, entity_type, entity_full_name, operate_type, created_at) VALUES ($1,'TAG','late',3,0)", lakeName);
        await BothSeeAsync(late, record => record is not null, "the tag committed first");
        await transaction.CommitAsync();

        await BothSeeAsync(early, record => record is not null, "the tag with the lower id, committed later");
    }


    /// <summary>Waits until both clients' cached reads satisfy <paramref name="condition"/>.</summary>
    private async Task BothSeeAsync(EntityKey key, Func<EntityRecord?, bool> condition, string what)
    {
        foreach (var (client, name) in new[] { (A, "A"), (B, "B") })
        {
            try
            {
                await Eventually.True(async () => condition(await client.FindAsync(key)), $"client {name} sees {what} ({key})", TimeSpan.FromSeconds(20));
            }
            catch (TimeoutException e)
            {
                var strong = await client.FindAsync(key, ReadConsistency.Strong);
                var head = await fixture.B.Host.Services.GetRequiredService<IClusterClient>().GetGrain<OrleansCache.Grains.IChangeLogGrain>(key.Identifier.Levels[0]).GetHead();
                await using var connection = await fixture.Postgres.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT confirmed_flush_lsn::text || ' active=' || active::text || ' current=' || pg_current_wal_lsn()::text FROM pg_replication_slots", connection);
                throw new TimeoutException($"{e.Message} strong={strong?.Version} head={head} slot={await command.ExecuteScalarAsync()}");
            }
        }
    }
}
