using System.Collections.Immutable;
using OrleansCache.Changes;
using OrleansCache.Entities;
using OrleansCache.Errors;
using OrleansCache.Grains;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Cluster;

/// <summary>Create, load, alter and versions on a two-silo cluster.</summary>
[Trait("Category", "Cluster")]
[Collection(InMemoryClusterCollection.Name)]
public sealed class EntityLifecycleTests(InMemoryClusterFixture fixture)
{
    private readonly Catalog _catalog = new(fixture.Client);

    [Fact]
    public async Task Create_then_load_returns_the_stored_record_with_audit_and_a_version()
    {
        var schema = await _catalog.CreateSchema();
        var table = schema.Child(EntityKind.Table, "orders");

        var created = await _catalog.Grain(table).Create(Payloads.Table("id", "amount"), new WriteOptions { Actor = "alice" });
        var loaded = await _catalog.Grain(table).Load();

        Assert.Equal(table, loaded.Key);
        Assert.Equal(created.Version, loaded.Version);
        Assert.True(loaded.Version > 0);
        Assert.Equal("alice", loaded.Audit.Creator);
        Assert.Equal(["id", "amount"], loaded.PayloadAs<TablePayload>().Columns.Select(c => c.Name));
        Assert.Equal("parquet", loaded.Payload.Properties["format"]);
        Assert.True(await _catalog.Grain(table).Exists());
    }

    [Fact]
    public async Task Creating_an_existing_entity_fails_and_leaves_it_unchanged()
    {
        var schema = await _catalog.CreateSchema();
        var table = schema.Child(EntityKind.Table, "t");
        var first = await _catalog.Create(table, Payloads.Table("a"));

        var error = await Assert.ThrowsAsync<EntityAlreadyExistsException>(() => _catalog.Create(table, Payloads.Table("b")));

        Assert.Equal(table.Identifier.ToString(), error.Identifier);
        var after = await _catalog.Grain(table).Load();
        Assert.Equal(first.Version, after.Version);
        Assert.Equal("a", Assert.Single(after.PayloadAs<TablePayload>().Columns).Name);
    }

    [Fact]
    public async Task Creating_under_a_missing_parent_fails_naming_the_highest_missing_level()
    {
        var lake = EntityKey.Metalake(Payloads.Unique("lake"));
        await _catalog.Create(lake, Payloads.Metalake());
        var table = EntityKey.Table(lake.Identifier.Name, "nocat", "nosch", "t");

        var error = await Assert.ThrowsAsync<EntityNotFoundException>(() => _catalog.Create(table, Payloads.Table()));

        Assert.Equal(EntityKind.Catalog, error.MissingKind);
        Assert.Equal($"{lake.Identifier}.nocat", error.MissingIdentifier);
        Assert.False(await _catalog.Grain(table).Exists());
        Assert.Empty(await _catalog.Grain(lake).ListChildren(EntityKind.Catalog));
    }

    [Fact]
    public async Task Loading_a_missing_entity_names_the_missing_level()
    {
        var schema = await _catalog.CreateSchema();

        var own = await Assert.ThrowsAsync<EntityNotFoundException>(() => _catalog.Grain(schema.Child(EntityKind.Table, "absent")).Load());
        var higher = await Assert.ThrowsAsync<EntityNotFoundException>(
            () => _catalog.Grain(EntityKey.Table("no_such_lake", "c", "s", "t")).Load());

        Assert.Equal(EntityKind.Table, own.MissingKind);
        Assert.Equal(EntityKind.Metalake, higher.MissingKind);
        Assert.Equal("no_such_lake", higher.MissingIdentifier);
        Assert.Null(await _catalog.Grain(schema.Child(EntityKind.Table, "absent")).Find());
    }

    [Fact]
    public async Task Alter_applies_every_change_and_raises_the_version_by_one()
    {
        var schema = await _catalog.CreateSchema();
        var table = schema.Child(EntityKind.Table, "t");
        var created = await _catalog.Create(table, Payloads.Table("id", "old"));

        var altered = await _catalog.Grain(table).Alter(
            [
                new UpdateComment("hot table"),
                new SetProperty("owner", "team-a"),
                new RemoveProperty("format"),
                new AddColumn(new Column { Name = "ts", DataType = "timestamp" }),
                new DeleteColumn("old"),
                new UpdateColumn("id") { NewDataType = "bigint", NewNullable = false },
            ],
            new WriteOptions { Actor = "bob" });

        Assert.Equal(created.Version + 1, altered.Version);
        var loaded = await _catalog.Grain(table).Load();
        Assert.Equal(altered.Version, loaded.Version);
        Assert.Equal("hot table", loaded.Payload.Comment);
        Assert.Equal("team-a", loaded.Payload.Properties["owner"]);
        Assert.False(loaded.Payload.Properties.ContainsKey("format"));
        var columns = loaded.PayloadAs<TablePayload>().Columns;
        Assert.Equal(["id", "ts"], columns.Select(c => c.Name));
        Assert.Equal("bigint", columns[0].DataType);
        Assert.False(columns[0].Nullable);
        Assert.Equal("bob", loaded.Audit.LastModifier);
        Assert.Equal("anonymous", loaded.Audit.Creator);
    }

    [Fact]
    public async Task An_invalid_change_refuses_the_whole_alter()
    {
        var schema = await _catalog.CreateSchema();
        var table = schema.Child(EntityKind.Table, "t");
        var created = await _catalog.Create(table, Payloads.Table("id"));

        await Assert.ThrowsAsync<InvalidEntityException>(() => _catalog.Grain(table).Alter(
            [new UpdateComment("changed"), new DeleteColumn("missing")], WriteOptions.Default));

        var loaded = await _catalog.Grain(table).Load();
        Assert.Equal(created.Version, loaded.Version);
        Assert.Null(loaded.Payload.Comment);
    }

    [Fact]
    public async Task A_write_with_a_stale_expected_version_is_refused_and_changes_nothing()
    {
        var schema = await _catalog.CreateSchema();
        var table = schema.Child(EntityKind.Table, "t");
        var created = await _catalog.Create(table, Payloads.Table());
        await _catalog.Grain(table).Alter([new UpdateComment("first")], WriteOptions.Default);

        var error = await Assert.ThrowsAsync<ConcurrentUpdateException>(() => _catalog.Grain(table).Alter(
            [new UpdateComment("second")], new WriteOptions { ExpectedVersion = created.Version }));

        Assert.Equal(created.Version, error.ExpectedVersion);
        Assert.Equal(created.Version + 1, error.ActualVersion);
        Assert.Equal("first", (await _catalog.Grain(table).Load()).Payload.Comment);
        await Assert.ThrowsAsync<ConcurrentUpdateException>(() => _catalog.Grain(table).Drop(false, new WriteOptions { ExpectedVersion = created.Version }));
        Assert.True(await _catalog.Grain(table).Exists());
    }

    [Fact]
    public async Task Concurrent_writers_with_the_same_expected_version_let_exactly_one_win()
    {
        var schema = await _catalog.CreateSchema();
        var table = schema.Child(EntityKind.Table, "t");
        var created = await _catalog.Create(table, Payloads.Table());
        var expected = new WriteOptions { ExpectedVersion = created.Version };

        var attempts = Enumerable.Range(0, 16)
            .Select(i => Outcome(_catalog.Grain(table).Alter([new SetProperty("writer", $"w{i}")], expected)))
            .ToArray();
        var outcomes = await Task.WhenAll(attempts);

        var winner = Assert.Single(outcomes, o => o.Record is not null);
        Assert.All(outcomes.Where(o => o.Record is null), o => Assert.IsType<ConcurrentUpdateException>(o.Error));
        var loaded = await _catalog.Grain(table).Load();
        Assert.Equal(created.Version + 1, loaded.Version);
        Assert.Equal(winner.Record!.Payload.Properties["writer"], loaded.Payload.Properties["writer"]);
    }

    [Fact]
    public async Task Concurrent_writers_without_expected_versions_each_get_their_own_higher_version()
    {
        var schema = await _catalog.CreateSchema();
        var table = schema.Child(EntityKind.Table, "t");
        var created = await _catalog.Create(table, Payloads.Table());

        var versions = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(i => _catalog.Grain(table).Alter([new SetProperty("n", $"{i}")], WriteOptions.Default)));

        Assert.Equal(
            Enumerable.Range(1, 20).Select(i => created.Version + i),
            versions.Select(r => r.Version).Order());
        Assert.Equal(created.Version + 20, (await _catalog.Grain(table).Load()).Version);
    }

    [Fact]
    public async Task Versions_keep_growing_across_deactivation()
    {
        var schema = await _catalog.CreateSchema();
        var table = schema.Child(EntityKind.Table, "t");
        await _catalog.Create(table, Payloads.Table());
        var altered = await _catalog.Grain(table).Alter([new UpdateComment("x")], WriteOptions.Default);

        await fixture.Cluster.DeactivateAsync(_catalog.Grain(table));
        var reloaded = await _catalog.Grain(table).Load();
        var next = await _catalog.Grain(table).Alter([new UpdateComment("y")], WriteOptions.Default);

        Assert.Equal(altered.Version, reloaded.Version);
        Assert.Equal("x", reloaded.Payload.Comment);
        Assert.Equal(altered.Version + 1, next.Version);
    }

    [Fact]
    public async Task A_recreated_entity_starts_above_every_version_its_name_had()
    {
        var schema = await _catalog.CreateSchema();
        var table = schema.Child(EntityKind.Table, "t");
        await _catalog.Create(table, Payloads.Table());
        var last = await _catalog.Grain(table).Alter([new UpdateComment("1")], WriteOptions.Default);
        last = await _catalog.Grain(table).Alter([new UpdateComment("2")], WriteOptions.Default);

        Assert.True(await _catalog.Grain(table).Drop(false, WriteOptions.Default));
        var recreated = await _catalog.Create(table, Payloads.Table());

        Assert.True(recreated.Version > last.Version, $"{recreated.Version} should be above {last.Version}");
    }

    [Fact]
    public async Task Model_versions_live_under_their_model()
    {
        var lake = EntityKey.Metalake(Payloads.Unique("lake"));
        await _catalog.Create(lake, Payloads.Metalake());
        var cat = lake.Child(EntityKind.Catalog, "models");
        await _catalog.Create(cat, Payloads.Catalog(CatalogType.Model));
        var sch = cat.Child(EntityKind.Schema, "s");
        await _catalog.Create(sch, Payloads.Schema());
        var model = sch.Child(EntityKind.Model, "churn");
        await _catalog.Create(model, new ModelPayload());

        var v1 = model.Child(EntityKind.ModelVersion, "1");
        await _catalog.Create(v1, new ModelVersionPayload { Uri = "s3://models/churn/1", Aliases = ["prod"] });

        var loaded = await _catalog.Grain(v1).Load();
        Assert.Equal("s3://models/churn/1", loaded.PayloadAs<ModelVersionPayload>().Uri);
        Assert.Equal(v1, Assert.Single(await _catalog.Grain(model).ListChildren(EntityKind.ModelVersion)));
    }

    private static async Task<(EntityRecord? Record, Exception? Error)> Outcome(Task<EntityRecord> write)
    {
        try
        {
            return (await write, null);
        }
        catch (OrleansCacheException error)
        {
            return (null, error);
        }
    }
}
