using OrleansCache.Changes;
using OrleansCache.Entities;
using OrleansCache.Grains;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Cluster;

/// <summary>Paged listing on the embedded mode's child index (memory storage, a grain per container).</summary>
[Trait("Category", "Cluster")]
[Collection(InMemoryClusterCollection.Name)]
public sealed class ChildPagingTests(InMemoryClusterFixture fixture)
{
    private readonly Catalog _catalog = new(fixture.Client);

    [Fact]
    public async Task Pages_follow_name_order_resume_after_the_token_and_keep_kinds_apart()
    {
        var lake = EntityKey.Metalake(Payloads.Unique("lake"));
        await _catalog.Create(lake, Payloads.Metalake());
        var names = Enumerable.Range(0, 23).Select(i => $"c{(i * 7) % 23:D2}").ToArray();
        await Task.WhenAll(names.Select(name => _catalog.Create(lake.Child(EntityKind.Catalog, name), Payloads.Catalog())));
        await _catalog.Create(lake.Child(EntityKind.Tag, "c05"), new TagPayload());

        var listed = new List<string>();
        var sizes = new List<int>();
        string? token = null;
        do
        {
            var page = await _catalog.Grain(lake).ListChildrenPage(EntityKind.Catalog, 10, token);
            sizes.Add(page.Children.Length);
            listed.AddRange(page.Children.Select(k => k.Identifier.Name));
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal([10, 10, 3], sizes);
        Assert.Equal(names.Order(StringComparer.Ordinal), listed);
        Assert.Equal(["c05"], (await _catalog.Grain(lake).ListChildrenPage(EntityKind.Tag, 10, null)).Children.Select(k => k.Identifier.Name));
        Assert.Empty((await _catalog.Grain(lake).ListChildrenPage(EntityKind.Catalog, 10, "c22")).Children);

        Assert.True(await _catalog.Grain(lake).Drop(true, WriteOptions.Default));
        await _catalog.Create(lake, Payloads.Metalake());
        Assert.Empty((await _catalog.Grain(lake).ListChildrenPage(EntityKind.Catalog, 10, null)).Children);
    }
}
