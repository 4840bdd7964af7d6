using OrleansCache.Changes;
using OrleansCache.Entities;
using OrleansCache.Errors;
using OrleansCache.Grains;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Cluster;

/// <summary>Lists, drops and cascades across the container hierarchy.</summary>
[Trait("Category", "Cluster")]
[Collection(InMemoryClusterCollection.Name)]
public sealed class HierarchyTests(InMemoryClusterFixture fixture)
{
    private readonly Catalog _catalog = new(fixture.Client);

    [Fact]
    public async Task List_returns_the_children_of_one_kind_sorted_by_name()
    {
        var lake = EntityKey.Metalake(Payloads.Unique("lake"));
        await _catalog.Create(lake, Payloads.Metalake());
        foreach (var name in new[] { "zeta", "alpha", "mid" })
        {
            await _catalog.Create(lake.Child(EntityKind.Catalog, name), Payloads.Catalog());
        }

        await _catalog.Create(lake.Child(EntityKind.Tag, "alpha"), new TagPayload());

        var catalogs = await _catalog.Grain(lake).ListChildren(EntityKind.Catalog);
        var tags = await _catalog.Grain(lake).ListChildren(EntityKind.Tag);

        Assert.Equal(["alpha", "mid", "zeta"], catalogs.Select(k => k.Identifier.Name));
        Assert.All(catalogs, k => Assert.Equal(EntityKind.Catalog, k.Kind));
        Assert.Equal(lake.Child(EntityKind.Tag, "alpha"), Assert.Single(tags));
        Assert.Contains(lake, await _catalog.Grain(EntityKey.Root).ListChildren(EntityKind.Metalake));
    }

    [Fact]
    public async Task Dropping_a_non_empty_container_without_cascade_is_refused_and_changes_nothing()
    {
        var schema = await _catalog.CreateSchema();
        var table = schema.Child(EntityKind.Table, "t");
        await _catalog.Create(table, Payloads.Table());
        var catalog = schema.Parent;

        var error = await Assert.ThrowsAsync<NonEmptyContainerException>(() => _catalog.Grain(catalog).Drop(false, WriteOptions.Default));

        Assert.Equal(1, error.ChildCount);
        Assert.True(await _catalog.Grain(catalog).Exists());
        Assert.True(await _catalog.Grain(schema).Exists());
        Assert.True(await _catalog.Grain(table).Exists());
        Assert.Equal(table, Assert.Single(await _catalog.Grain(schema).ListChildren(EntityKind.Table)));
    }

    [Fact]
    public async Task A_cascade_drop_removes_every_descendant()
    {
        var schema = await _catalog.CreateSchema();
        var catalog = schema.Parent;
        var lake = catalog.Parent;
        var tables = Enumerable.Range(0, 40).Select(i => schema.Child(EntityKind.Table, $"t{i}")).ToList();
        await Task.WhenAll(tables.Select(t => _catalog.Create(t, Payloads.Table())));
        var otherSchema = catalog.Child(EntityKind.Schema, "other");
        await _catalog.Create(otherSchema, Payloads.Schema());

        Assert.True(await _catalog.Grain(catalog).Drop(true, WriteOptions.Default));

        foreach (var key in tables.Append(schema).Append(otherSchema).Append(catalog))
        {
            Assert.False(await _catalog.Grain(key).Exists(), $"{key} should be gone");
            await Assert.ThrowsAsync<EntityNotFoundException>(() => _catalog.Grain(key).Load());
        }

        Assert.Empty(await _catalog.Grain(lake).ListChildren(EntityKind.Catalog));
        Assert.True(await _catalog.Grain(lake).Exists());
    }

    [Fact]
    public async Task Dropping_cat1_leaves_cat10_and_its_subtree()
    {
        var lakeName = Payloads.Unique("lake");
        var cat1 = await _catalog.CreateSchema(lakeName, "cat1", "s");
        var lake = EntityKey.Metalake(lakeName);
        var cat10 = lake.Child(EntityKind.Catalog, "cat10");
        await _catalog.Create(cat10, Payloads.Catalog());
        var cat10Schema = cat10.Child(EntityKind.Schema, "s");
        await _catalog.Create(cat10Schema, Payloads.Schema());
        var cat10Table = cat10Schema.Child(EntityKind.Table, "t");
        await _catalog.Create(cat10Table, Payloads.Table());

        await _catalog.Grain(cat1.Parent).Drop(true, WriteOptions.Default);

        Assert.False(await _catalog.Grain(cat1).Exists());
        Assert.True(await _catalog.Grain(cat10).Exists());
        Assert.True(await _catalog.Grain(cat10Schema).Exists());
        Assert.True(await _catalog.Grain(cat10Table).Exists());
        Assert.Equal(cat10, Assert.Single(await _catalog.Grain(lake).ListChildren(EntityKind.Catalog)));
    }

    [Fact]
    public async Task Dropping_a_missing_entity_returns_false_and_a_dropped_one_cannot_be_altered()
    {
        var schema = await _catalog.CreateSchema();
        var table = schema.Child(EntityKind.Table, "t");
        await _catalog.Create(table, Payloads.Table());

        Assert.True(await _catalog.Grain(table).Drop(false, WriteOptions.Default));
        Assert.False(await _catalog.Grain(table).Drop(false, WriteOptions.Default));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => _catalog.Grain(table).Alter([new UpdateComment("x")], WriteOptions.Default));
        Assert.Empty(await _catalog.Grain(schema).ListChildren(EntityKind.Table));
    }

    [Fact]
    public async Task Nothing_can_be_created_under_a_dropped_container()
    {
        var schema = await _catalog.CreateSchema();
        await _catalog.Grain(schema.Parent).Drop(true, WriteOptions.Default);

        var error = await Assert.ThrowsAsync<EntityNotFoundException>(() => _catalog.Create(schema.Child(EntityKind.Table, "t"), Payloads.Table()));

        Assert.Equal(EntityKind.Catalog, error.MissingKind);
        Assert.False(await _catalog.Grain(schema.Child(EntityKind.Table, "t")).Exists());
    }

    [Fact]
    public async Task Children_recreated_under_a_recreated_catalog_start_above_their_old_versions()
    {
        var schema = await _catalog.CreateSchema();
        var table = schema.Child(EntityKind.Table, "t");
        await _catalog.Create(table, Payloads.Table());
        EntityRecord last = default!;
        for (var i = 0; i < 5; i++)
        {
            last = await _catalog.Grain(table).Alter([new UpdateComment($"{i}")], WriteOptions.Default);
        }

        await _catalog.Grain(schema.Parent).Drop(true, WriteOptions.Default);
        await _catalog.Create(schema.Parent, Payloads.Catalog());
        await _catalog.Create(schema, Payloads.Schema());
        var recreated = await _catalog.Create(table, Payloads.Table());

        Assert.True(recreated.Version > last.Version, $"{recreated.Version} should be above {last.Version}");
    }

    [Fact]
    public async Task A_drop_racing_a_cascade_completes_without_deadlock_and_leaves_nothing()
    {
        var schema = await _catalog.CreateSchema();
        var tables = Enumerable.Range(0, 30).Select(i => schema.Child(EntityKind.Table, $"t{i}")).ToList();
        await Task.WhenAll(tables.Select(t => _catalog.Create(t, Payloads.Table())));

        var cascade = _catalog.Grain(schema.Parent).Drop(true, WriteOptions.Default);
        var direct = tables.Select(t => _catalog.Grain(t).Drop(false, WriteOptions.Default)).ToList();
        var creates = Enumerable.Range(30, 10)
            .Select(i => Swallow(_catalog.Create(schema.Child(EntityKind.Table, $"t{i}"), Payloads.Table())))
            .ToList();
        await Task.WhenAll(direct.Cast<Task>().Append(cascade).Concat(creates)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(await cascade);
        foreach (var i in Enumerable.Range(0, 40))
        {
            Assert.False(await _catalog.Grain(schema.Child(EntityKind.Table, $"t{i}")).Exists(), $"t{i} survived the cascade");
        }

        Assert.False(await _catalog.Grain(schema).Exists());
    }

    private static async Task Swallow(Task task)
    {
        try
        {
            await task;
        }
        catch (EntityNotFoundException)
        {
            // A create that lost the race to the cascade is refused; that is the point.
        }
    }
}
