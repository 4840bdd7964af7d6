using System.Collections.Immutable;
using OrleansCache.Entities;
using OrleansCache.Naming;

namespace OrleansCache.Tests.Model;

/// <summary>
/// <see cref="StringPool"/> and the ShareStrings methods: records keep one instance of the strings
/// that repeat across entities, and sharing never changes a value.
/// </summary>
[Trait("Category", "Unit")]
public class StringSharingTests
{
    // Copies no pool has seen, as a deserialized record has.
    private static string Fresh(string value) => new(value.AsSpan());

    private static EntityRecord Record(string table, string comment) => new()
    {
        Key = EntityKey.Table(Fresh("lake"), Fresh("cat"), Fresh("sales"), Fresh(table)),
        Payload = new TablePayload
        {
            Comment = Fresh(comment),
            Columns = [new Column { Name = Fresh("id"), DataType = Fresh("bigint"), Comment = Fresh("key") }],
            Properties = ImmutableDictionary<string, string>.Empty.Add(Fresh("format"), Fresh("parquet")),
        },
        Audit = AuditInfo.Created(Fresh("alice"), DateTimeOffset.UnixEpoch),
        Version = 1,
    };

    [Fact]
    public void Two_records_share_their_vocabulary_and_keep_their_own_values()
    {
        var pool = new StringPool(100, 64);

        var first = Record("orders", "orders of the shop").ShareStrings(pool);
        var second = Record("items", "items of the orders").ShareStrings(pool);

        var (a, b) = ((TablePayload)first.Payload, (TablePayload)second.Payload);
        Assert.Same(a.Columns[0].Name, b.Columns[0].Name);
        Assert.Same(a.Columns[0].DataType, b.Columns[0].DataType);
        Assert.Same(a.Properties.Keys.Single(), b.Properties.Keys.Single());
        Assert.Same(first.Audit.Creator, second.Audit.Creator);
        for (var level = 0; level < 3; level++)
        {
            Assert.Same(first.Key.Identifier.Levels[level], second.Key.Identifier.Levels[level]);
        }

        // Mostly unique text is not pooled: comments, property values, the entity's own name.
        Assert.NotSame(a.Columns[0].Comment, b.Columns[0].Comment);
        Assert.NotSame(a.Properties["format"], b.Properties["format"]);
        Assert.Equal(["orders", "items"], [first.Key.Identifier.Name, second.Key.Identifier.Name]);
    }

    [Fact]
    public void Sharing_changes_no_value()
    {
        var pool = new StringPool(100, 64);
        Record("items", "items of the orders").ShareStrings(pool);
        var record = Record("orders", "orders of the shop");

        var shared = record.ShareStrings(pool);

        // The first record's strings became the pool's; this one's were swapped for them.
        Assert.NotSame(record, shared);
        Assert.Equal(record.Key, shared.Key);
        Assert.Equal(record.Audit, shared.Audit);
        Assert.Equal(record.Version, shared.Version);
        var (before, after) = ((TablePayload)record.Payload, (TablePayload)shared.Payload);
        Assert.Equal<Column>(before.Columns, after.Columns.AsEnumerable());
        Assert.Equal(before.Properties, after.Properties);
        Assert.Equal(before.Comment, after.Comment);
    }

    [Fact]
    public void A_record_whose_strings_are_already_shared_is_returned_as_it_is()
    {
        var pool = new StringPool(100, 64);
        var shared = Record("orders", "orders of the shop").ShareStrings(pool);

        Assert.Same(shared, shared.ShareStrings(pool));
        Assert.Same(shared.Key, shared.Key.ShareStrings(pool));
    }

    [Fact]
    public void The_pool_stops_taking_strings_at_its_capacity_and_never_takes_long_ones()
    {
        var pool = new StringPool(capacity: 2, maxLength: 8);

        var first = pool.Share(Fresh("a"));
        pool.Share(Fresh("b"));
        var third = Fresh("c");
        var tooLong = Fresh("longer than eight");

        Assert.Same(first, pool.Share(Fresh("a")));
        Assert.Same(third, pool.Share(third));
        Assert.NotSame(third, pool.Share(Fresh("c")));
        Assert.Same(tooLong, pool.Share(tooLong));
        Assert.Equal(2, pool.Count);
    }

    [Fact]
    public void The_root_key_shares_as_itself()
    {
        Assert.Same(EntityKey.Root, EntityKey.Root.ShareStrings(new StringPool(10, 10)));
    }
}
