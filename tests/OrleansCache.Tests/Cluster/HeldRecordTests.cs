using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using OrleansCache.Changes;
using OrleansCache.Entities;
using OrleansCache.Errors;
using OrleansCache.Grains;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Cluster;

/// <summary>
/// The entity grain holds its record as serialized bytes (docs/adr/0013-compact-held-record.md):
/// reads still return a record equal field by field to the one a write acknowledged, and writes
/// still build on it.
/// </summary>
[Trait("Category", "Cluster")]
[Collection(InMemoryClusterCollection.Name)]
public sealed class HeldRecordTests(InMemoryClusterFixture fixture)
{
    private readonly Catalog _catalog = new(fixture.Client);
    private readonly Serializer _serializer = fixture.Client.ServiceProvider.GetRequiredService<Serializer>();

    [Fact]
    public async Task Loads_and_finds_return_the_acknowledged_record_field_by_field_across_writes_and_reactivation()
    {
        var schema = await _catalog.CreateSchema();
        var table = schema.Child(EntityKind.Table, "wide");
        var grain = _catalog.Grain(table);

        var created = await grain.Create(WideTable(), new WriteOptions { Actor = "alice" });
        AssertSame(created, await grain.Load());
        AssertSame(created, await grain.Find());
        AssertSame(created, _serializer.Deserialize<EntityRecord>((await grain.LoadBytes()).Value));

        // Concurrent alters are applied one on another's result (group commit) on the held record.
        var alters = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            grain.Alter([new SetProperty($"p{i}", $"v{i}"), new AddColumn(new Column { Name = $"added{i}", DataType = "string" })], new WriteOptions { Actor = "bob" })));
        var last = alters.MaxBy(record => record.Version)!;
        AssertSame(last, await grain.Load());
        Assert.Equal(28, last.PayloadAs<TablePayload>().Columns.Length);
        Assert.All(Enumerable.Range(0, 8), i => Assert.Equal($"v{i}", last.Payload.Properties[$"p{i}"]));

        await fixture.Cluster.DeactivateAsync(grain);
        AssertSame(last, await grain.Load());
        AssertSame(last, _serializer.Deserialize<EntityRecord>((await grain.LoadBytes()).Value));
        var next = await grain.Alter([new UpdateComment("after reactivation")], new WriteOptions { ExpectedVersion = last.Version });
        Assert.Equal(last.Version + 1, next.Version);
        AssertSame(next, await grain.Load());
        Assert.Equal(table, (await grain.Load()).Key);
    }

    [Fact]
    public async Task A_dropped_entity_holds_nothing_and_reads_say_so()
    {
        var schema = await _catalog.CreateSchema();
        var table = schema.Child(EntityKind.Table, "gone");
        var grain = _catalog.Grain(table);
        await grain.Create(WideTable(), WriteOptions.Default);

        Assert.True(await grain.Drop(false, WriteOptions.Default));

        Assert.Null(await grain.Find());
        Assert.False(await grain.Exists());
        var notFound = await Assert.ThrowsAsync<EntityNotFoundException>(() => grain.LoadBytes());
        Assert.Contains(".gone' does not exist", notFound.Message, StringComparison.Ordinal);
    }

    private void AssertSame(EntityRecord expected, EntityRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Key, actual.Key);
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(_serializer.SerializeToArray(expected), _serializer.SerializeToArray(actual));
    }

    private static TablePayload WideTable() => new()
    {
        Comment = "twenty columns",
        Columns = [.. Enumerable.Range(0, 20).Select(i => new Column { Name = $"c{i}", DataType = i % 2 == 0 ? "bigint" : "varchar(64)", Comment = $"column {i}", Nullable = i % 3 != 0 })],
        Partitioning = ["c0"],
        Properties = ImmutableDictionary<string, string>.Empty.Add("format", "parquet").Add("owner", "alice"),
    };
}
