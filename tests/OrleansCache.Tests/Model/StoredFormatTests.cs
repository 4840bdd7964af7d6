using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansCache.Entities;
using OrleansCache.Grains.Entities;
using OrleansCache.Naming;

using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Model;

/// <summary>
/// Entity state written to grain storage by an earlier release must read back whole: a rolling
/// upgrade (and any restart after an upgrade) reads what the old silos stored. Each fixture is the
/// exact bytes one build wrote for a table (the storage serializer's output): the 0.3.0 line before
/// origin mode added <c>OriginChildren</c>, 0.3.0 before the child index added <c>PendingDrop</c>,
/// and as it is now. A fixture is never regenerated: a format change adds a new one beside the old.
/// </summary>
[Trait("Category", "Unit")]
public sealed class StoredFormatTests
{
    private const string FixtureName = "entity-state-0.3.0-child-index.bin";

    [Theory]
    [InlineData("entity-state-0.3.0-before-origin.bin")]
    [InlineData("entity-state-0.3.0.bin")]
    [InlineData(FixtureName)]
    public void A_table_stored_by_an_earlier_build_reads_back_whole(string fixture)
    {
        var storage = StoredEntities.StorageSerializer;
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture);
        if (Environment.GetEnvironmentVariable("ORLEANSCACHE_WRITE_FIXTURE") == "1")
        {
            // Run once per release, with the source path, to add that release's fixture.
            File.WriteAllBytes(Environment.GetEnvironmentVariable("ORLEANSCACHE_FIXTURE_PATH") ?? path, storage.Serialize(Stored()).ToArray());
        }

        var state = storage.Deserialize<EntityState>(new BinaryData(File.ReadAllBytes(path))) ?? throw new InvalidDataException($"{fixture} holds no state.");

        var expected = Stored();
        var record = Assert.IsType<EntityRecord>(state.Record);
        Assert.Equal(expected.Record!.Key, record.Key);
        Assert.Equal(7, record.Version);
        Assert.Equal(expected.Record.Audit, record.Audit);
        var table = Assert.IsType<TablePayload>(record.Payload);
        Assert.Equal("orders placed", table.Comment);
        Assert.Equal(["id:bigint:False", "amount:decimal(10,2):True"], table.Columns.Select(c => $"{c.Name}:{c.DataType}:{c.Nullable}"));
        Assert.Equal("parquet", table.Properties["format"]);
        Assert.Equal(3, state.ChildVersionFloor);
        Assert.True(state.MayBeUnannounced);
        Assert.Empty(state.Children);
        Assert.Null(state.PendingMove);
        Assert.Empty(state.OriginChildren);
        Assert.Null(state.PendingDrop);
    }

    [Fact]
    public void The_fixture_is_what_this_release_writes_so_a_format_change_is_noticed()
    {
        var written = StoredEntities.StorageSerializer.Serialize(Stored()).ToArray();

        Assert.Equal(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", FixtureName)), written);
    }

    private static EntityState Stored() => new()
    {
        Record = new EntityRecord
        {
            Key = EntityKey.Table("lake", "sales", "orders", "items"),
            Version = 7,
            Audit = new AuditInfo
            {
                Creator = "alice",
                CreatedAt = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero),
                LastModifier = "bob",
                LastModifiedAt = new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero),
            },
            Payload = new TablePayload
            {
                Comment = "orders placed",
                Columns = [new Column { Name = "id", DataType = "bigint", Nullable = false }, new Column { Name = "amount", DataType = "decimal(10,2)" }],
                Properties = ImmutableDictionary<string, string>.Empty.Add("format", "parquet"),
            },
        },
        ChildVersionFloor = 3,
        MayBeUnannounced = true,
    };
}
