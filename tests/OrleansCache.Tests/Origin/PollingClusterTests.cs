using OrleansCache.Client;
using OrleansCache.Entities;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Origin;

/// <summary>
/// Origin mode with <c>ChangeCapture=Polling</c>, end to end: what Gravitino logs in
/// <c>entity_change_log</c> and what only the periodic reconcile finds (creates, models) reach both
/// clients' near caches, whose entries nothing else removes.
/// </summary>
[Collection(PollingCollection.Name)]
[Trait("Category", "Postgres")]
public sealed class PollingClusterTests(PollingFixture fixture)
{
    private GravitinoWriter Writer => fixture.Writer;

    [Fact]
    public async Task A_logged_drop_reaches_both_clients()
    {
        var (lakeName, lake, catalog, schema) = await Writer.HierarchyAsync("pdrop");
        var table = await Writer.TableAsync(lake, catalog, schema, "t", ("id", "\"long\""));
        var key = EntityKey.Table(lakeName, "rel", "s", "t");
        await BothSeeAsync(key, record => record is not null, "the table");

        await Writer.InTransactionAsync(async (connection, transaction) =>
        {
            await GravitinoWriter.ExecAsync(connection, transaction, "UPDATE table_meta SET deleted_at = $1 WHERE table_id = $2", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), table);
            await GravitinoWriter.ExecAsync(connection, transaction, GravitinoWriter.ChangeLogInsert, lakeName, "TABLE", $"{lakeName}.rel.s.t", (short)2);
        });

        await BothSeeAsync(key, record => record is null, "the dropped table gone");
    }

    [Fact]
    public async Task A_create_and_a_model_alter_that_gravitino_does_not_log_appear_after_the_reconcile()
    {
        var (lakeName, lake, catalog, schema) = await Writer.HierarchyAsync("precon");
        var model = await Writer.ModelAsync(lake, catalog, schema, "m");
        var modelKey = EntityKey.Model(lakeName, "rel", "s", "m");
        var tableKey = EntityKey.Table(lakeName, "rel", "s", "t");
        await BothSeeAsync(modelKey, record => record?.Payload.Comment == "md", "the model");
        await BothSeeAsync(tableKey, record => record is null, "no table yet (cached as absent)");

        await Writer.TableAsync(lake, catalog, schema, "t", ("id", "\"long\""));
        await Writer.ExecAsync("UPDATE model_meta SET model_comment = 'md2' WHERE model_id = $1", model);

        await BothSeeAsync(tableKey, record => record is not null, "the created table");
        await BothSeeAsync(modelKey, record => record?.Payload.Comment == "md2", "the altered model");
    }


    private async Task BothSeeAsync(EntityKey key, Func<EntityRecord?, bool> condition, string what)
    {
        foreach (var (client, name) in new[] { (fixture.A.Cache, "A"), (fixture.B.Cache, "B") })
        {
            await Eventually.True(async () => condition(await client.FindAsync(key)), $"client {name} sees {what} ({key})", TimeSpan.FromSeconds(30));
        }
    }
}
