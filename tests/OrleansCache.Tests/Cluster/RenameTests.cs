using OrleansCache.Changes;
using OrleansCache.Entities;
using OrleansCache.Errors;
using OrleansCache.Grains;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Cluster;

/// <summary>Renames of leaves and of containers with their subtrees.</summary>
[Trait("Category", "Cluster")]
[Collection(InMemoryClusterCollection.Name)]
public sealed class RenameTests(InMemoryClusterFixture fixture)
{
    private readonly Catalog _catalog = new(fixture.Client);

    [Fact]
    public async Task Renaming_a_table_moves_it_to_the_new_name_with_a_higher_version()
    {
        var schema = await _catalog.CreateSchema();
        var oldKey = schema.Child(EntityKind.Table, "old");
        var created = await _catalog.Create(oldKey, Payloads.Table("id"));

        var renamed = await _catalog.Grain(oldKey).Alter([new RenameEntity("new"), new UpdateComment("moved")], WriteOptions.Default);

        var newKey = schema.Child(EntityKind.Table, "new");
        Assert.Equal(newKey, renamed.Key);
        Assert.True(renamed.Version > created.Version);
        Assert.False(await _catalog.Grain(oldKey).Exists());
        var loaded = await _catalog.Grain(newKey).Load();
        Assert.Equal(renamed.Version, loaded.Version);
        Assert.Equal("moved", loaded.Payload.Comment);
        Assert.Equal("id", Assert.Single(loaded.PayloadAs<TablePayload>().Columns).Name);
        Assert.Equal(newKey, Assert.Single(await _catalog.Grain(schema).ListChildren(EntityKind.Table)));
    }

    [Fact]
    public async Task Renaming_onto_an_existing_name_is_refused_and_changes_nothing()
    {
        var schema = await _catalog.CreateSchema();
        var a = schema.Child(EntityKind.Table, "a");
        var b = schema.Child(EntityKind.Table, "b");
        var recordA = await _catalog.Create(a, Payloads.Table("x"));
        var recordB = await _catalog.Create(b, Payloads.Table("y"));

        await Assert.ThrowsAsync<EntityAlreadyExistsException>(() => _catalog.Grain(a).Alter([new RenameEntity("b")], WriteOptions.Default));

        Assert.Equal(recordA.Version, (await _catalog.Grain(a).Load()).Version);
        Assert.Equal(recordB.Version, (await _catalog.Grain(b).Load()).Version);
        Assert.Equal("y", Assert.Single((await _catalog.Grain(b).Load()).PayloadAs<TablePayload>().Columns).Name);
        Assert.Equal(2, (await _catalog.Grain(schema).ListChildren(EntityKind.Table)).Length);

        // The refused rename left no intent behind: the entity can still be altered and renamed.
        var later = await _catalog.Grain(a).Alter([new RenameEntity("c")], WriteOptions.Default);
        Assert.Equal(schema.Child(EntityKind.Table, "c"), later.Key);
    }

    [Fact]
    public async Task Renaming_a_catalog_moves_its_whole_subtree()
    {
        var lakeName = Payloads.Unique("lake");
        var schema = await _catalog.CreateSchema(lakeName, "sales", "orders");
        var table = schema.Child(EntityKind.Table, "items");
        await _catalog.Create(table, Payloads.Table("sku"));
        var catalog = schema.Parent;

        var renamed = await _catalog.Grain(catalog).Alter([new RenameEntity("sales2")], WriteOptions.Default);

        var newTable = EntityKey.Table(lakeName, "sales2", "orders", "items");
        Assert.Equal(EntityKey.Catalog(lakeName, "sales2"), renamed.Key);
        Assert.Equal("sku", Assert.Single((await _catalog.Grain(newTable).Load()).PayloadAs<TablePayload>().Columns).Name);
        Assert.True(await _catalog.Grain(newTable.Parent).Exists());
        foreach (var old in new[] { catalog, schema, table })
        {
            Assert.False(await _catalog.Grain(old).Exists(), $"{old} should be gone");
        }

        Assert.Equal(renamed.Key, Assert.Single(await _catalog.Grain(catalog.Parent).ListChildren(EntityKind.Catalog)));
        Assert.Equal(newTable, Assert.Single(await _catalog.Grain(newTable.Parent).ListChildren(EntityKind.Table)));

        // The moved subtree is fully live: it can be written and cascaded.
        await _catalog.Create(newTable.Parent.Child(EntityKind.Table, "more"), Payloads.Table());
        Assert.True(await _catalog.Grain(renamed.Key).Drop(true, WriteOptions.Default));
        Assert.False(await _catalog.Grain(newTable).Exists());
    }

    [Fact]
    public async Task Renaming_a_metalake_updates_the_list_of_metalakes()
    {
        var lake = EntityKey.Metalake(Payloads.Unique("lake"));
        await _catalog.Create(lake, Payloads.Metalake());
        var newName = Payloads.Unique("renamed");

        await _catalog.Grain(lake).Alter([new RenameEntity(newName)], WriteOptions.Default);

        var lakes = await _catalog.Grain(EntityKey.Root).ListChildren(EntityKind.Metalake);
        Assert.Contains(EntityKey.Metalake(newName), lakes);
        Assert.DoesNotContain(lake, lakes);
    }

    [Fact]
    public async Task Kinds_that_Gravitino_does_not_rename_are_refused()
    {
        var schema = await _catalog.CreateSchema();

        var error = await Assert.ThrowsAsync<InvalidEntityException>(
            () => _catalog.Grain(schema).Alter([new RenameEntity("other")], WriteOptions.Default));

        Assert.Contains("cannot be renamed", error.Message, StringComparison.Ordinal);
        Assert.True(await _catalog.Grain(schema).Exists());
    }

    [Theory]
    [InlineData("has.dot")]
    [InlineData("*")]
    [InlineData("-leading")]
    [InlineData("")]
    public async Task A_rename_to_an_invalid_name_is_refused_and_changes_nothing(string newName)
    {
        var schema = await _catalog.CreateSchema();
        var table = schema.Child(EntityKind.Table, "t");
        var created = await _catalog.Create(table, Payloads.Table());

        await Assert.ThrowsAsync<InvalidNameException>(() => _catalog.Grain(table).Alter([new RenameEntity(newName)], WriteOptions.Default));

        Assert.Equal(created.Version, (await _catalog.Grain(table).Load()).Version);
        Assert.Equal(table, Assert.Single(await _catalog.Grain(schema).ListChildren(EntityKind.Table)));
    }
}
