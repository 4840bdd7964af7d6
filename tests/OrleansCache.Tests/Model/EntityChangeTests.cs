using System.Collections.Immutable;
using OrleansCache.Changes;
using OrleansCache.Entities;
using OrleansCache.Errors;

namespace OrleansCache.Tests.Model;

[Trait("Category", "Unit")]
public class EntityChangeTests
{
    private const string TableId = "lake.cat.s.t";

    private static Column Col(string name, string dataType = "integer") => new() { Name = name, DataType = dataType };

    /// <summary>A table with columns id, name, ts; comment "orders"; property format=parquet.</summary>
    private static TablePayload Table() => new()
    {
        Comment = "orders",
        Columns = [Col("id", "bigint"), Col("name", "varchar(255)") with { Comment = "customer", Nullable = false }, Col("ts", "timestamp")],
        Properties = ImmutableDictionary<string, string>.Empty.Add("format", "parquet"),
    };

    private static string[] Names(EntityPayload payload) =>
        [.. Assert.IsType<TablePayload>(payload).Columns.Select(column => column.Name)];

    private static void AssertOriginalTable(TablePayload table)
    {
        Assert.Equal(new[] { "id", "name", "ts" }, table.Columns.Select(column => column.Name));
        Assert.Equal(new[] { "bigint", "varchar(255)", "timestamp" }, table.Columns.Select(column => column.DataType));
        Assert.Equal("customer", table.Columns[1].Comment);
        Assert.False(table.Columns[1].Nullable);
        Assert.Equal("orders", table.Comment);
        Assert.Equal("parquet", Assert.Single(table.Properties).Value);
    }

    private static InvalidEntityException AssertRefused(EntityChange change, EntityPayload payload, string identifier = TableId)
    {
        var ex = Assert.Throws<InvalidEntityException>(() => change.Apply(payload, identifier));
        Assert.Equal(identifier, ex.Identifier);
        Assert.Contains($"'{identifier}'", ex.Message, StringComparison.Ordinal);
        return ex;
    }

    // ---------------------------------------------------------------- rename

    [Fact]
    public void Rename_leaves_the_payload_alone()
    {
        var table = Table();

        Assert.Same(table, new RenameEntity("t2").Apply(table, TableId));
    }

    // ---------------------------------------------------------------- comment

    [Fact]
    public void UpdateComment_sets_the_comment_and_keeps_the_rest()
    {
        var table = Table();

        var updated = Assert.IsType<TablePayload>(new UpdateComment("new").Apply(table, TableId));

        Assert.Equal("new", updated.Comment);
        Assert.Equal(Names(table), Names(updated));
        Assert.Equal(table.Properties, updated.Properties);
        AssertOriginalTable(table);
    }

    [Fact]
    public void UpdateComment_with_null_clears_the_comment()
    {
        var updated = new UpdateComment(null).Apply(Table(), TableId);

        Assert.Null(updated.Comment);
    }

    [Fact]
    public void UpdateComment_keeps_the_payload_type()
    {
        var catalog = new CatalogPayload { Type = CatalogType.Messaging, Provider = "kafka", Comment = "old" };

        var updated = Assert.IsType<CatalogPayload>(new UpdateComment("new").Apply(catalog, "lake.cat"));

        Assert.Equal("new", updated.Comment);
        Assert.Equal(CatalogType.Messaging, updated.Type);
        Assert.Equal("kafka", updated.Provider);
        Assert.Equal("old", catalog.Comment);
    }

    // ---------------------------------------------------------------- properties

    [Fact]
    public void SetProperty_adds_a_new_property()
    {
        var table = Table();

        var updated = new SetProperty("owner", "ops").Apply(table, TableId);

        Assert.Equal("ops", updated.Properties["owner"]);
        Assert.Equal("parquet", updated.Properties["format"]);
        Assert.Equal(2, updated.Properties.Count);
        AssertOriginalTable(table);
    }

    [Fact]
    public void SetProperty_replaces_an_existing_property()
    {
        var table = Table();

        var updated = new SetProperty("format", "orc").Apply(table, TableId);

        Assert.Equal("orc", Assert.Single(updated.Properties, pair => pair.Key == "format").Value);
        AssertOriginalTable(table);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void SetProperty_with_blank_key_is_refused(string key) =>
        AssertRefused(new SetProperty(key, "v"), Table());

    [Fact]
    public void SetProperty_with_null_value_is_refused() =>
        AssertRefused(new SetProperty("k", null!), new SchemaPayload(), "lake.cat.s");

    [Fact]
    public void RemoveProperty_removes_it()
    {
        var table = Table();

        var updated = new RemoveProperty("format").Apply(table, TableId);

        Assert.Empty(updated.Properties);
        AssertOriginalTable(table);
    }

    [Theory]
    [InlineData("absent")]
    [InlineData("FORMAT")]
    public void RemoveProperty_of_an_absent_key_changes_nothing(string key)
    {
        var updated = new RemoveProperty(key).Apply(Table(), TableId);

        Assert.Equal("parquet", Assert.Single(updated.Properties).Value);
    }

    // ---------------------------------------------------------------- add column

    [Fact]
    public void AddColumn_without_position_appends()
    {
        var table = Table();

        var updated = new AddColumn(Col("amount", "decimal(10,2)")).Apply(table, TableId);

        Assert.Equal(new[] { "id", "name", "ts", "amount" }, Names(updated));
        Assert.Equal("decimal(10,2)", Assert.IsType<TablePayload>(updated).Columns[3].DataType);
        AssertOriginalTable(table);
    }

    [Theory]
    [InlineData(0, new[] { "amount", "id", "name", "ts" })]
    [InlineData(1, new[] { "id", "amount", "name", "ts" })]
    [InlineData(2, new[] { "id", "name", "amount", "ts" })]
    [InlineData(3, new[] { "id", "name", "ts", "amount" })]
    public void AddColumn_at_a_position_inserts_there(int position, string[] expected)
    {
        var table = Table();

        var updated = new AddColumn(Col("amount"), position).Apply(table, TableId);

        Assert.Equal(expected, Names(updated));
        AssertOriginalTable(table);
    }

    [Fact]
    public void AddColumn_to_a_table_without_columns()
    {
        var updated = new AddColumn(Col("id")).Apply(new TablePayload { Columns = default }, TableId);

        Assert.Equal(new[] { "id" }, Names(updated));
    }

    [Theory]
    [InlineData("id")]
    [InlineData("ID")]
    [InlineData("Name")]
    public void AddColumn_with_an_existing_name_is_refused(string name)
    {
        var table = Table();

        var ex = AssertRefused(new AddColumn(Col(name)), table);

        Assert.Contains($"'{name}'", ex.Reason, StringComparison.Ordinal);
        AssertOriginalTable(table);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    [InlineData(100)]
    public void AddColumn_at_an_out_of_range_position_is_refused(int position)
    {
        var table = Table();

        var ex = AssertRefused(new AddColumn(Col("amount"), position), table);

        Assert.Contains("position", ex.Reason, StringComparison.Ordinal);
        AssertOriginalTable(table);
    }

    [Theory]
    [InlineData("", "integer")]
    [InlineData(" ", "integer")]
    [InlineData("amount", "")]
    [InlineData("amount", "  ")]
    public void AddColumn_without_name_or_type_is_refused(string name, string dataType) =>
        AssertRefused(new AddColumn(Col(name, dataType)), Table());

    // ---------------------------------------------------------------- delete column

    [Theory]
    [InlineData("name")]
    [InlineData("NAME")]
    public void DeleteColumn_removes_it(string name)
    {
        var table = Table();

        var updated = new DeleteColumn(name).Apply(table, TableId);

        Assert.Equal(new[] { "id", "ts" }, Names(updated));
        AssertOriginalTable(table);
    }

    [Fact]
    public void DeleteColumn_of_an_absent_column_is_refused()
    {
        var ex = AssertRefused(new DeleteColumn("absent"), Table());

        Assert.Contains("'absent'", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void DeleteColumn_if_exists_of_an_absent_column_changes_nothing()
    {
        var updated = new DeleteColumn("absent", IfExists: true).Apply(Table(), TableId);

        Assert.Equal(new[] { "id", "name", "ts" }, Names(updated));
    }

    [Fact]
    public void DeleteColumn_if_exists_of_a_present_column_removes_it()
    {
        var updated = new DeleteColumn("id", IfExists: true).Apply(Table(), TableId);

        Assert.Equal(new[] { "name", "ts" }, Names(updated));
    }

    // ---------------------------------------------------------------- update column

    [Fact]
    public void UpdateColumn_renames_and_keeps_position_and_other_fields()
    {
        var table = Table();

        var updated = Assert.IsType<TablePayload>(new UpdateColumn("name") { NewName = "customer_name" }.Apply(table, TableId));

        Assert.Equal(new[] { "id", "customer_name", "ts" }, Names(updated));
        var column = updated.Columns[1];
        Assert.Equal("varchar(255)", column.DataType);
        Assert.Equal("customer", column.Comment);
        Assert.False(column.Nullable);
        AssertOriginalTable(table);
    }

    [Fact]
    public void UpdateColumn_may_change_the_case_of_its_own_name()
    {
        var updated = new UpdateColumn("name") { NewName = "Name" }.Apply(Table(), TableId);

        Assert.Equal(new[] { "id", "Name", "ts" }, Names(updated));
    }

    [Theory]
    [InlineData("id")]
    [InlineData("TS")]
    public void UpdateColumn_rename_onto_another_column_is_refused(string newName)
    {
        var table = Table();

        var ex = AssertRefused(new UpdateColumn("name") { NewName = newName }, table);

        Assert.Contains($"'{newName}'", ex.Reason, StringComparison.Ordinal);
        AssertOriginalTable(table);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void UpdateColumn_rename_to_a_blank_name_is_refused(string newName) =>
        AssertRefused(new UpdateColumn("name") { NewName = newName }, Table());

    [Fact]
    public void UpdateColumn_changes_type_nullability_comment_and_default()
    {
        var table = Table();
        var change = new UpdateColumn("ID")
        {
            NewDataType = "varchar(36)",
            NewNullable = false,
            NewComment = "primary key",
            NewDefaultValue = "uuid()",
        };

        var updated = Assert.IsType<TablePayload>(change.Apply(table, TableId));

        var column = updated.Columns[0];
        Assert.Equal("id", column.Name);
        Assert.Equal("varchar(36)", column.DataType);
        Assert.False(column.Nullable);
        Assert.Equal("primary key", column.Comment);
        Assert.Equal("uuid()", column.DefaultValue);
        Assert.Equal(updated.Columns.Skip(1), table.Columns.Skip(1));
        AssertOriginalTable(table);
    }

    [Fact]
    public void UpdateColumn_can_make_a_column_nullable()
    {
        var updated = Assert.IsType<TablePayload>(new UpdateColumn("name") { NewNullable = true }.Apply(Table(), TableId));

        Assert.True(updated.Columns[1].Nullable);
        Assert.Equal("customer", updated.Columns[1].Comment);
    }

    [Fact]
    public void UpdateColumn_without_changes_keeps_the_column()
    {
        var table = Table();

        var updated = Assert.IsType<TablePayload>(new UpdateColumn("name").Apply(table, TableId));

        Assert.Equal(table.Columns[1], updated.Columns[1]);
    }

    [Fact]
    public void UpdateColumn_of_an_absent_column_is_refused()
    {
        var ex = AssertRefused(new UpdateColumn("absent") { NewDataType = "int" }, Table());

        Assert.Contains("'absent'", ex.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void UpdateColumn_to_a_blank_data_type_is_refused(string dataType)
    {
        var table = Table();

        AssertRefused(new UpdateColumn("id") { NewDataType = dataType }, table);
        AssertOriginalTable(table);
    }

    // ---------------------------------------------------------------- column changes on other kinds

    public static TheoryData<EntityPayload, string> NonTablePayloads => new()
    {
        { new MetalakePayload(), "lake" },
        { new CatalogPayload { Type = CatalogType.Relational, Provider = "hive" }, "lake.cat" },
        { new SchemaPayload(), "lake.cat.s" },
        { new FilesetPayload { StorageLocation = "s3://b" }, "lake.cat.s.f" },
        { new TopicPayload(), "lake.cat.s.t" },
        { new ModelPayload(), "lake.cat.s.m" },
        { new ModelVersionPayload { Uri = "s3://m/1" }, "lake.cat.s.m.1" },
        { new TagPayload(), "lake.t" },
        { new PolicyPayload { PolicyType = "custom" }, "lake.p" },
    };

    [Theory]
    [MemberData(nameof(NonTablePayloads))]
    public void Column_changes_are_refused_on_other_kinds(EntityPayload payload, string identifier)
    {
        EntityChange[] changes =
        [
            new AddColumn(Col("c")),
            new DeleteColumn("c"),
            new DeleteColumn("c", IfExists: true),
            new UpdateColumn("c") { NewName = "d" },
        ];

        foreach (var change in changes)
        {
            var ex = AssertRefused(change, payload, identifier);
            Assert.Contains(change.GetType().Name, ex.Reason, StringComparison.Ordinal);
            Assert.Contains("tables only", ex.Reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(NonTablePayloads))]
    public void Generic_changes_apply_to_every_kind_and_keep_its_type(EntityPayload payload, string identifier)
    {
        var commented = new UpdateComment("c").Apply(payload, identifier);
        var withProperty = new SetProperty("k", "v").Apply(commented, identifier);
        var without = new RemoveProperty("k").Apply(withProperty, identifier);

        Assert.Equal(payload.GetType(), without.GetType());
        Assert.Equal(payload.Kind, without.Kind);
        Assert.Equal("c", without.Comment);
        Assert.Equal("v", withProperty.Properties["k"]);
        Assert.Empty(without.Properties);
        Assert.Null(payload.Comment);
        Assert.Empty(payload.Properties);
    }

    // ---------------------------------------------------------------- a sequence of changes

    [Fact]
    public void Changes_apply_in_order_and_never_touch_the_input()
    {
        var table = Table();
        EntityChange[] changes =
        [
            new AddColumn(Col("amount", "decimal(10,2)"), 1),
            new UpdateColumn("amount") { NewName = "total" },
            new DeleteColumn("ts"),
            new SetProperty("owner", "ops"),
            new RemoveProperty("format"),
            new UpdateComment("orders v2"),
        ];

        EntityPayload current = table;
        foreach (var change in changes)
        {
            current = change.Apply(current, TableId);
        }

        Assert.Equal(new[] { "id", "total", "name" }, Names(current));
        Assert.Equal("ops", Assert.Single(current.Properties).Value);
        Assert.Equal("orders v2", current.Comment);
        AssertOriginalTable(table);
    }
}
