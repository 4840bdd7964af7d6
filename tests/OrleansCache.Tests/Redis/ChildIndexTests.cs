using System.Collections.Concurrent;
using System.Collections.Immutable;
using OrleansCache.Changes;
using OrleansCache.Entities;
using OrleansCache.Errors;
using OrleansCache.Grains;
using OrleansCache.Grains.Children;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;
using StackExchange.Redis;

namespace OrleansCache.Tests.Redis;

/// <summary>
/// A container's child index in Redis (docs/adr/0010): paged listing by name with a continuation
/// token, stable under concurrent changes; consistency with the grain state when a create died
/// between its index entry and its state; migration of children stored in state by earlier builds.
/// </summary>
[Trait("Category", "Redis")]
[Collection(RedisCollection.Name)]
public sealed class ChildIndexTests(RedisFixture redis) : IAsyncLifetime
{
    private readonly string _serviceId = Payloads.Unique("svc");
    private Orleans.TestingHost.InProcessTestCluster? _cluster;

    private Orleans.TestingHost.InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("not started");

    private Catalog Catalog => new(Cluster.Client);

    public async Task InitializeAsync() => _cluster = await TestClusters.StartOnRedisAsync(redis.Server.ConnectionString, _serviceId);

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Pages_are_sorted_by_name_hold_at_most_the_page_size_and_resume_strictly_after_the_token()
    {
        var lake = EntityKey.Metalake(Payloads.Unique("lake"));
        await Catalog.Create(lake, Payloads.Metalake());
        var names = new[] { "b", "a", "c_1", "c", "Z", "aa", "c-2", "b0", "d", "e", "ab" };
        foreach (var name in names)
        {
            await Catalog.Create(lake.Child(EntityKind.Catalog, name), Payloads.Catalog());
        }

        // Another kind in the same index must not leak into the catalogs' pages.
        await Catalog.Create(lake.Child(EntityKind.Tag, "a"), new TagPayload());

        var pages = new List<ChildPage>();
        string? token = null;
        do
        {
            var page = await Catalog.Grain(lake).ListChildrenPage(EntityKind.Catalog, 4, token);
            pages.Add(page);
            token = page.ContinuationToken;
        }
        while (token is not null);

        var expected = names.Order(StringComparer.Ordinal).ToArray();
        Assert.Equal([4, 4, 3], pages.Select(p => p.Children.Length));
        Assert.Equal(expected, pages.SelectMany(p => p.Children).Select(k => k.Identifier.Name));
        Assert.Equal(expected[3], pages[0].ContinuationToken);
        Assert.Null(pages[^1].ContinuationToken);
        Assert.Equal(expected, (await Catalog.Grain(lake).ListChildren(EntityKind.Catalog)).Select(k => k.Identifier.Name));
        Assert.Equal(["a"], (await Catalog.Grain(lake).ListChildren(EntityKind.Tag)).Select(k => k.Identifier.Name));

        // A token names a position, not a child: resuming after a name that is not there works too.
        var afterB = await Catalog.Grain(lake).ListChildrenPage(EntityKind.Catalog, 2, "b00");
        Assert.Equal(["c", "c-2"], afterB.Children.Select(k => k.Identifier.Name));

        // A page size out of range is refused with a typed error.
        var error = await Assert.ThrowsAsync<InvalidEntityException>(() => Catalog.Grain(lake).ListChildrenPage(EntityKind.Catalog, 0, null));
        Assert.Contains("1 to 10000", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paging_while_children_are_created_and_dropped_returns_every_stable_child_once_and_none_twice()
    {
        var schema = await Catalog.CreateSchema();
        var stable = Enumerable.Range(0, 120).Select(i => schema.Child(EntityKind.Table, $"s{i:D3}")).ToArray();
        await Task.WhenAll(stable.Select(table => Catalog.Create(table, Payloads.Table())));

        using var stop = new CancellationTokenSource();
        var churned = 0;
        var churn = Task.Run(async () =>
        {
            // Names that sort among the stable ones (s000x, s001x, …) and before and after them.
            var random = new Random(12);
            while (!stop.IsCancellationRequested)
            {
                var name = random.Next(3) switch { 0 => $"s{random.Next(120):D3}x", 1 => $"a{random.Next(50)}", _ => $"z{random.Next(50)}" };
                var table = schema.Child(EntityKind.Table, name);
                if (await Catalog.Grain(table).Exists())
                {
                    await Catalog.Grain(table).Drop(false, WriteOptions.Default);
                }
                else
                {
                    await Catalog.Grain(table).Create(Payloads.Table(), WriteOptions.Default);
                }

                Interlocked.Increment(ref churned);
            }
        });

        var seen = new List<string>();
        var listings = 0;
        while (listings < 3 || Volatile.Read(ref churned) < 100)
        {
            seen.Clear();
            string? token = null;
            do
            {
                var page = await Catalog.Grain(schema).ListChildrenPage(EntityKind.Table, 7, token);
                seen.AddRange(page.Children.Select(k => k.Identifier.Name));
                token = page.ContinuationToken;
            }
            while (token is not null);

            Assert.Equal(seen.Count, seen.Distinct(StringComparer.Ordinal).Count());
            Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
            Assert.Superset(stable.Select(k => k.Identifier.Name).ToHashSet(), seen.ToHashSet());
            listings++;
        }

        await stop.CancelAsync();
        await churn;
        Assert.True(churned >= 100, $"only {churned} creates and drops ran during the listings");
    }

    [Fact]
    public async Task A_create_that_died_between_its_index_entry_and_its_state_leaves_nothing_wrong_and_is_pruned()
    {
        var schema = await Catalog.CreateSchema();
        var silo = new SiloServices(Cluster);
        var ghost = schema.Child(EntityKind.Table, "ghost");
        var real = schema.Child(EntityKind.Table, "real");

        // What RegisterChild leaves when the creating silo dies before the child stores its state.
        await silo.Index.Add(schema, [ghost]);
        Assert.Null(await silo.ReadStateAsync(ghost));
        Assert.False(await Catalog.Grain(ghost).Exists());

        // The name is free: creating it works and lists once.
        await Catalog.Create(real, Payloads.Table());
        await Catalog.Create(ghost, Payloads.Table());
        Assert.Equal(["ghost", "real"], (await Catalog.Grain(schema).ListChildren(EntityKind.Table)).Select(k => k.Identifier.Name));
        Assert.True(await Catalog.Grain(ghost).Drop(false, WriteOptions.Default));
        Assert.True(await Catalog.Grain(real).Drop(false, WriteOptions.Default));
        Assert.Empty(await Catalog.Grain(schema).ListChildren(EntityKind.Table));

        // A phantom does not make its container look non-empty: a plain drop prunes it and proceeds.
        await silo.Index.Add(schema, [ghost]);
        Assert.True(await Catalog.Grain(schema).Drop(false, WriteOptions.Default));
        Assert.Equal(0, await silo.Index.Count(schema));
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString);
        Assert.False(await connection.GetDatabase().KeyExistsAsync(RedisChildIndex.ChildrenKey(_serviceId, schema)));

        // A stored child still blocks it.
        var other = await Catalog.CreateSchema();
        await Catalog.Create(other.Child(EntityKind.Table, "kept"), Payloads.Table());
        await silo.Index.Add(other, [other.Child(EntityKind.Table, "a_ghost")]);
        var refused = await Assert.ThrowsAsync<NonEmptyContainerException>(() => Catalog.Grain(other).Drop(false, WriteOptions.Default));
        Assert.Equal(1, refused.ChildCount);
        Assert.Equal(["kept"], (await Catalog.Grain(other).ListChildren(EntityKind.Table)).Select(k => k.Identifier.Name));
    }

    [Fact]
    public async Task Children_stored_in_the_state_by_an_earlier_build_move_into_the_index_on_activation()
    {
        var lake = EntityKey.Metalake(Payloads.Unique("old"));
        var schema = lake.Child(EntityKind.Catalog, "cat").Child(EntityKind.Schema, "sch");
        var tables = Enumerable.Range(0, 5).Select(i => schema.Child(EntityKind.Table, $"t{i}")).ToImmutableHashSet();
        var silo = new SiloServices(Cluster);
        var audit = AuditInfo.Created("old", DateTimeOffset.UtcNow);

        // The states as a release before the index wrote them, never activated by this one.
        await silo.WriteStateAsync(EntityKey.Root, new() { Children = [lake] });
        await silo.WriteStateAsync(lake, new() { Record = new() { Key = lake, Payload = Payloads.Metalake(), Audit = audit, Version = 1 }, Children = [schema.Parent] });
        await silo.WriteStateAsync(schema.Parent, new() { Record = new() { Key = schema.Parent, Payload = Payloads.Catalog(), Audit = audit, Version = 2 }, Children = [schema] });
        await silo.WriteStateAsync(schema, new() { Record = new() { Key = schema, Payload = Payloads.Schema(), Audit = audit, Version = 3 }, Children = tables, ChildVersionFloor = 9 });
        foreach (var table in tables)
        {
            await silo.WriteStateAsync(table, new() { Record = new() { Key = table, Payload = Payloads.Table(), Audit = audit, Version = 4 } });
        }

        Assert.Equal(tables.Select(k => k.Identifier.Name).Order(), (await Catalog.Grain(schema).ListChildren(EntityKind.Table)).Select(k => k.Identifier.Name));

        var migrated = await silo.ReadStateAsync(schema);
        Assert.NotNull(migrated);
        Assert.Empty(migrated.Children);
        Assert.Equal(9, migrated.ChildVersionFloor);
        Assert.Equal(3, migrated.Record!.Version);
        Assert.Equal(5, await silo.Index.Count(schema));

        // The migrated index serves cascades: the whole old tree drops and leaves nothing.
        Assert.Contains(lake, await Catalog.Grain(EntityKey.Root).ListChildren(EntityKind.Metalake));
        Assert.True(await Catalog.Grain(lake).Drop(true, WriteOptions.Default));
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString);
        var left = await KeysMentioning(connection, lake.Identifier.Levels[0]);
        Assert.Empty(left);
        var recreated = await Catalog.Create(lake, Payloads.Metalake());
        Assert.True(recreated.Version > 9, $"a re-created metalake starts above its old subtree's versions, not at {recreated.Version}");
    }

    private async Task<List<string>> KeysMentioning(ConnectionMultiplexer connection, string text)
    {
        var keys = new List<string>();
        await foreach (var key in connection.GetServers()[0].KeysAsync(pattern: $"{_serviceId}*"))
        {
            // Entity state and child indexes; a metalake's change log outlives it by design.
            var name = key.ToString();
            if (name.Contains(text, StringComparison.Ordinal) && (name.Contains("/entity/", StringComparison.Ordinal) || name.Contains("children/", StringComparison.Ordinal)))
            {
                keys.Add(name);
            }
        }

        return keys;
    }
}
