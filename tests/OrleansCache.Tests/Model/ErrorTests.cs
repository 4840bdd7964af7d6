using OrleansCache.Errors;
using OrleansCache.Naming;

namespace OrleansCache.Tests.Model;

[Trait("Category", "Unit")]
public class ErrorTests
{
    [Fact]
    public void EntityNotFound_for_the_entity_itself()
    {
        var ex = new EntityNotFoundException("lake.cat.s.t", EntityKind.Table, EntityKind.Table, "lake.cat.s.t");

        Assert.Equal("lake.cat.s.t", ex.Identifier);
        Assert.Equal(EntityKind.Table, ex.Kind);
        Assert.Equal(EntityKind.Table, ex.MissingKind);
        Assert.Equal("lake.cat.s.t", ex.MissingIdentifier);
        Assert.Equal("table 'lake.cat.s.t' does not exist.", ex.Message);
        Assert.IsAssignableFrom<OrleansCacheException>(ex);
    }

    [Fact]
    public void EntityNotFound_names_the_highest_missing_level()
    {
        var ex = new EntityNotFoundException("lake.cat.s.m.3", EntityKind.ModelVersion, EntityKind.Catalog, "lake.cat");

        Assert.Equal("lake.cat.s.m.3", ex.Identifier);
        Assert.Equal(EntityKind.ModelVersion, ex.Kind);
        Assert.Equal(EntityKind.Catalog, ex.MissingKind);
        Assert.Equal("lake.cat", ex.MissingIdentifier);
        Assert.Contains("model_version 'lake.cat.s.m.3'", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("catalog 'lake.cat' does not exist, so model_version 'lake.cat.s.m.3' under it cannot be read or created", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'lake.cat.s.m.3' does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_that_breaks_the_rules_is_refused_in_words_not_only_a_pattern()
    {
        var ex = Assert.Throws<InvalidNameException>(() => EntityKey.Catalog("lake", "bad name"));

        Assert.Contains("'bad name' is not a valid catalog name; use a letter, digit or underscore", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EntityAlreadyExists_carries_identifier_and_kind()
    {
        var ex = new EntityAlreadyExistsException("lake.cat", EntityKind.Catalog);

        Assert.Equal("lake.cat", ex.Identifier);
        Assert.Equal(EntityKind.Catalog, ex.Kind);
        Assert.Equal("catalog 'lake.cat' already exists.", ex.Message);
        Assert.IsAssignableFrom<OrleansCacheException>(ex);
    }

    [Fact]
    public void InvalidName_carries_identifier_level_and_rule()
    {
        var ex = new InvalidNameException("lake.SYSTEM", "catalog", "'SYSTEM' is a reserved catalog name");

        Assert.Equal("lake.SYSTEM", ex.Identifier);
        Assert.Equal("catalog", ex.Level);
        Assert.Equal("'SYSTEM' is a reserved catalog name", ex.Rule);
        Assert.Contains("'lake.SYSTEM'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("catalog", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'SYSTEM' is a reserved catalog name", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<OrleansCacheException>(ex);
    }

    [Fact]
    public void NonEmptyContainer_carries_kind_and_child_count()
    {
        var ex = new NonEmptyContainerException("lake.cat.s", EntityKind.Schema, 3);

        Assert.Equal("lake.cat.s", ex.Identifier);
        Assert.Equal(EntityKind.Schema, ex.Kind);
        Assert.Equal(3, ex.ChildCount);
        Assert.Contains("schema 'lake.cat.s'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("cascade", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<OrleansCacheException>(ex);
    }

    [Fact]
    public void ConcurrentUpdate_carries_both_versions()
    {
        var ex = new ConcurrentUpdateException("lake.cat.s.t", expectedVersion: 4, actualVersion: 7);

        Assert.Equal("lake.cat.s.t", ex.Identifier);
        Assert.Equal(4, ex.ExpectedVersion);
        Assert.Equal(7, ex.ActualVersion);
        Assert.Equal("'lake.cat.s.t' is at version 7, not the expected 4.", ex.Message);
        Assert.IsAssignableFrom<OrleansCacheException>(ex);
    }

    [Fact]
    public void PayloadTooLarge_carries_size_and_limit()
    {
        var ex = new PayloadTooLargeException("lake.cat.s.t", sizeBytes: 2_000_000, limitBytes: 1_048_576);

        Assert.Equal("lake.cat.s.t", ex.Identifier);
        Assert.Equal(2_000_000, ex.SizeBytes);
        Assert.Equal(1_048_576, ex.LimitBytes);
        Assert.Contains("'lake.cat.s.t'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2000000 bytes", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1048576 bytes", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<OrleansCacheException>(ex);
    }

    [Fact]
    public void InvalidEntity_carries_identifier_and_reason()
    {
        var ex = new InvalidEntityException("lake.cat.s.t", "column 'id' appears more than once");

        Assert.Equal("lake.cat.s.t", ex.Identifier);
        Assert.Equal("column 'id' appears more than once", ex.Reason);
        Assert.Equal("Invalid request for 'lake.cat.s.t': column 'id' appears more than once.", ex.Message);
        Assert.IsAssignableFrom<OrleansCacheException>(ex);
    }

    [Fact]
    public void Errors_raised_by_the_model_carry_the_identifier()
    {
        var name = Assert.Throws<InvalidNameException>(() => EntityKey.Of(EntityKind.Catalog, "lake.SYSTEM"));
        Assert.Equal("lake.SYSTEM", name.Identifier);
        Assert.Equal("catalog", name.Level);
        Assert.Equal("Invalid name 'lake.SYSTEM': catalog: 'SYSTEM' is a reserved catalog name.", name.Message);

        var depth = Assert.Throws<InvalidNameException>(() => EntityKey.Of(EntityKind.Table, "lake.cat.s"));
        Assert.Equal(
            "Invalid name 'lake.cat.s': identifier: a table identifier has 4 level(s) (metalake.catalog.schema.table), got 3.",
            depth.Message);
    }
}
