using OrleansCache.Changes;
using OrleansCache.Entities;
using OrleansCache.Errors;
using OrleansCache.Grains;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Cluster;

/// <summary>Every kind of bad input gets a typed error and changes nothing.</summary>
[Trait("Category", "Cluster")]
[Collection(InMemoryClusterCollection.Name)]
public sealed class BadInputTests(InMemoryClusterFixture fixture)
{
    private readonly Catalog _catalog = new(fixture.Client);

    [Fact]
    public async Task A_payload_of_another_kind_is_refused()
    {
        var schema = await _catalog.CreateSchema();
        var table = schema.Child(EntityKind.Table, "t");

        var error = await Assert.ThrowsAsync<InvalidEntityException>(() => _catalog.Create(table, Payloads.Schema()));

        Assert.Equal(table.Identifier.ToString(), error.Identifier);
        Assert.False(await _catalog.Grain(table).Exists());
        Assert.Empty(await _catalog.Grain(schema).ListChildren(EntityKind.Table));
    }

    [Fact]
    public async Task An_invalid_payload_is_refused()
    {
        var schema = await _catalog.CreateSchema();
        var table = schema.Child(EntityKind.Table, "t");

        await Assert.ThrowsAsync<InvalidEntityException>(() => _catalog.Create(table, Payloads.Table("id", "ID")));

        Assert.False(await _catalog.Grain(table).Exists());
        Assert.Empty(await _catalog.Grain(schema).ListChildren(EntityKind.Table));
    }

    [Fact]
    public async Task An_oversize_payload_is_refused_with_its_size_and_the_limit()
    {
        var schema = await _catalog.CreateSchema();
        var table = schema.Child(EntityKind.Table, "t");
        var huge = Payloads.Table() with { Comment = new string('x', 2 * 1024 * 1024) };

        var error = await Assert.ThrowsAsync<PayloadTooLargeException>(() => _catalog.Create(table, huge));

        Assert.True(error.SizeBytes > error.LimitBytes);
        Assert.Equal(1024 * 1024, error.LimitBytes);
        Assert.False(await _catalog.Grain(table).Exists());
        Assert.Empty(await _catalog.Grain(schema).ListChildren(EntityKind.Table));
    }

    [Fact]
    public async Task A_schema_object_of_the_wrong_kind_for_its_catalog_is_refused()
    {
        var schema = await _catalog.CreateSchema();
        var fileset = schema.Child(EntityKind.Fileset, "files");

        var error = await Assert.ThrowsAsync<InvalidEntityException>(
            () => _catalog.Create(fileset, new FilesetPayload { StorageLocation = "s3://b/p" }));

        Assert.Contains("tables", error.Message, StringComparison.Ordinal);
        Assert.False(await _catalog.Grain(fileset).Exists());
        Assert.Empty(await _catalog.Grain(schema).ListChildren(EntityKind.Fileset));
    }

    [Fact]
    public async Task A_grain_key_that_breaks_the_naming_rules_is_refused()
    {
        var grain = fixture.Client.GetGrain<IEntityGrain>("catalog/lake.system");

        var error = await Assert.ThrowsAsync<InvalidNameException>(() => grain.Create(Payloads.Catalog(), WriteOptions.Default));

        Assert.Equal("catalog", error.Level);
    }

    [Fact]
    public async Task An_empty_alter_is_refused()
    {
        var schema = await _catalog.CreateSchema();
        var table = schema.Child(EntityKind.Table, "t");
        var created = await _catalog.Create(table, Payloads.Table());

        await Assert.ThrowsAsync<InvalidEntityException>(() => _catalog.Grain(table).Alter([], WriteOptions.Default));

        Assert.Equal(created.Version, (await _catalog.Grain(table).Load()).Version);
    }

    [Fact]
    public async Task The_root_cannot_be_written()
    {
        await Assert.ThrowsAsync<InvalidEntityException>(() => _catalog.Grain(EntityKey.Root).Drop(true, WriteOptions.Default));
        await Assert.ThrowsAsync<InvalidEntityException>(() => _catalog.Grain(EntityKey.Root).Create(Payloads.Metalake(), WriteOptions.Default));
    }
}
