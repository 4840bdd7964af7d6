using OrleansCache.Errors;
using OrleansCache.Naming;

namespace OrleansCache.Tests.Model;

[Trait("Category", "Unit")]
public class EntityKeyTests
{
    // ---------------------------------------------------------------- grain keys

    [Theory]
    [InlineData(EntityKind.Metalake, "lake", "metalake/lake")]
    [InlineData(EntityKind.Catalog, "lake.cat", "catalog/lake.cat")]
    [InlineData(EntityKind.Catalog, "lake.my-cat", "catalog/lake.my-cat")]
    [InlineData(EntityKind.Schema, "lake.cat.s", "schema/lake.cat.s")]
    [InlineData(EntityKind.Schema, "lake.cat.a/b=c", "schema/lake.cat.a/b=c")]
    [InlineData(EntityKind.Table, "lake.cat.s.t", "table/lake.cat.s.t")]
    [InlineData(EntityKind.Table, "lake.cat.y=1/m=2.t/x", "table/lake.cat.y=1/m=2.t/x")]
    [InlineData(EntityKind.Fileset, "lake.cat.s.f", "fileset/lake.cat.s.f")]
    [InlineData(EntityKind.Topic, "lake.cat.s.t", "topic/lake.cat.s.t")]
    [InlineData(EntityKind.Model, "lake.cat.s.m", "model/lake.cat.s.m")]
    [InlineData(EntityKind.ModelVersion, "lake.cat.s.m.3", "model_version/lake.cat.s.m.3")]
    [InlineData(EntityKind.Tag, "lake.pii", "tag/lake.pii")]
    [InlineData(EntityKind.Policy, "lake.compaction", "policy/lake.compaction")]
    public void Grain_key_round_trips_for_every_kind(EntityKind kind, string identifier, string grainKey)
    {
        var key = EntityKey.Of(kind, identifier);

        Assert.Equal(grainKey, key.ToGrainKey());

        var parsed = EntityKey.ParseGrainKey(grainKey);
        Assert.Equal(key, parsed);
        Assert.Equal(kind, parsed.Kind);
        Assert.Equal(NameIdentifier.Parse(identifier), parsed.Identifier);
        Assert.Equal(grainKey, parsed.ToGrainKey());
    }

    [Fact]
    public void Root_grain_key_round_trips_to_the_root()
    {
        Assert.Equal(EntityKind.Root, EntityKey.Root.Kind);
        Assert.Equal(NameIdentifier.Root, EntityKey.Root.Identifier);
        Assert.Equal("root/", EntityKey.Root.ToGrainKey());
        Assert.Same(EntityKey.Root, EntityKey.ParseGrainKey("root/"));
    }

    [Theory]
    [InlineData("lake")]
    [InlineData("metalake")]
    [InlineData("metalake.lake")]
    [InlineData("")]
    [InlineData("/lake")]
    [InlineData("unknown/lake")]
    [InlineData("Metalake/lake")]
    [InlineData("TABLE/lake.cat.s.t")]
    [InlineData("model-version/lake.cat.s.m.1")]
    [InlineData("modelversion/lake.cat.s.m.1")]
    [InlineData(" table/lake.cat.s.t")]
    [InlineData("ModelVersion/lake.cat.s.m.1")]
    public void Invalid_grain_keys_are_rejected(string grainKey)
    {
        var ex = Assert.Throws<InvalidNameException>(() => EntityKey.ParseGrainKey(grainKey));
        Assert.Equal("key", ex.Level);
        Assert.Equal(grainKey, ex.Identifier);
        Assert.Contains($"'{grainKey}'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("metalake/SYSTEM", "metalake")]
    [InlineData("catalog/lake.*", "catalog")]
    [InlineData("table/lake.cat.s", "identifier")]
    [InlineData("model_version/lake.cat.s.m.v1", "model version")]
    [InlineData("metalake/", "identifier")]
    [InlineData("catalog/lake..cat", "level 2")]
    [InlineData("root/lake", "kind")]
    public void Grain_keys_with_a_known_kind_still_apply_the_naming_rules(string grainKey, string level)
    {
        var ex = Assert.Throws<InvalidNameException>(() => EntityKey.ParseGrainKey(grainKey));
        Assert.Equal(level, ex.Level);
    }

    [Fact]
    public void ParseGrainKey_rejects_null() => Assert.Throws<ArgumentNullException>(() => EntityKey.ParseGrainKey(null!));

    // ---------------------------------------------------------------- parents

    [Fact]
    public void Parent_chain_of_a_model_version_reaches_the_root()
    {
        var key = EntityKey.Of(EntityKind.ModelVersion, "lake.cat.s.m.3");

        var chain = new List<EntityKey>();
        for (var current = key; current.Kind != EntityKind.Root; current = current.Parent)
        {
            chain.Add(current.Parent);
        }

        Assert.Equal(
            new[]
            {
                EntityKey.Of(EntityKind.Model, "lake.cat.s.m"),
                EntityKey.Of(EntityKind.Schema, "lake.cat.s"),
                EntityKey.Of(EntityKind.Catalog, "lake.cat"),
                EntityKey.Of(EntityKind.Metalake, "lake"),
                EntityKey.Root,
            },
            chain);
    }

    [Theory]
    [InlineData(EntityKind.Metalake, "lake", EntityKind.Root, "")]
    [InlineData(EntityKind.Catalog, "lake.cat", EntityKind.Metalake, "lake")]
    [InlineData(EntityKind.Tag, "lake.t", EntityKind.Metalake, "lake")]
    [InlineData(EntityKind.Policy, "lake.p", EntityKind.Metalake, "lake")]
    [InlineData(EntityKind.Schema, "lake.cat.s", EntityKind.Catalog, "lake.cat")]
    [InlineData(EntityKind.Table, "lake.cat.s.t", EntityKind.Schema, "lake.cat.s")]
    [InlineData(EntityKind.Fileset, "lake.cat.s.f", EntityKind.Schema, "lake.cat.s")]
    [InlineData(EntityKind.Topic, "lake.cat.s.t", EntityKind.Schema, "lake.cat.s")]
    [InlineData(EntityKind.Model, "lake.cat.s.m", EntityKind.Schema, "lake.cat.s")]
    [InlineData(EntityKind.ModelVersion, "lake.cat.s.m.1", EntityKind.Model, "lake.cat.s.m")]
    public void Parent_has_the_parent_kind_and_namespace(EntityKind kind, string identifier, EntityKind parentKind, string parentIdentifier)
    {
        var parent = EntityKey.Of(kind, identifier).Parent;

        Assert.Equal(parentKind, parent.Kind);
        Assert.Equal(parentIdentifier, parent.Identifier.ToString());
        Assert.True(parent.IsContainer);
    }

    [Fact]
    public void Parent_of_a_metalake_is_the_root() => Assert.Equal(EntityKey.Root, EntityKey.Metalake("lake").Parent);

    [Fact]
    public void Root_has_no_parent() => Assert.Throws<InvalidOperationException>(() => EntityKey.Root.Parent);

    // ---------------------------------------------------------------- children

    [Theory]
    [InlineData(EntityKind.Metalake, "lake", EntityKind.Catalog, "cat")]
    [InlineData(EntityKind.Metalake, "lake", EntityKind.Tag, "t")]
    [InlineData(EntityKind.Metalake, "lake", EntityKind.Policy, "p")]
    [InlineData(EntityKind.Catalog, "lake.cat", EntityKind.Schema, "s")]
    [InlineData(EntityKind.Schema, "lake.cat.s", EntityKind.Table, "t")]
    [InlineData(EntityKind.Schema, "lake.cat.s", EntityKind.Fileset, "f")]
    [InlineData(EntityKind.Schema, "lake.cat.s", EntityKind.Topic, "t")]
    [InlineData(EntityKind.Schema, "lake.cat.s", EntityKind.Model, "m")]
    [InlineData(EntityKind.Model, "lake.cat.s.m", EntityKind.ModelVersion, "1")]
    public void Child_builds_the_key_below_and_its_parent_is_this(EntityKind kind, string identifier, EntityKind childKind, string name)
    {
        var key = EntityKey.Of(kind, identifier);

        var child = key.Child(childKind, name);

        Assert.Equal(EntityKey.Of(childKind, $"{identifier}.{name}"), child);
        Assert.Equal(key, child.Parent);
    }

    [Fact]
    public void Child_of_the_root_is_a_metalake() =>
        Assert.Equal(EntityKey.Metalake("lake"), EntityKey.Root.Child(EntityKind.Metalake, "lake"));

    [Theory]
    [InlineData(EntityKind.Catalog, "lake.cat", EntityKind.Schema, "*", "schema")]
    [InlineData(EntityKind.Metalake, "lake", EntityKind.Catalog, "SYSTEM", "catalog")]
    [InlineData(EntityKind.Metalake, "lake", EntityKind.Catalog, "a.b", "level 2")]
    [InlineData(EntityKind.Metalake, "lake", EntityKind.Schema, "s", "kind")]
    [InlineData(EntityKind.Schema, "lake.cat.s", EntityKind.Catalog, "c", "kind")]
    [InlineData(EntityKind.Model, "lake.cat.s.m", EntityKind.ModelVersion, "v1", "model version")]
    public void Child_applies_the_naming_rules(EntityKind kind, string identifier, EntityKind childKind, string name, string level)
    {
        var ex = Assert.Throws<InvalidNameException>(() => EntityKey.Of(kind, identifier).Child(childKind, name));
        Assert.Equal(level, ex.Level);
    }

    /// <summary>
    /// <see cref="EntityKey.Child"/> documents that it refuses a child kind that cannot live in this
    /// container. A table, fileset or topic holds no model versions and a tag or policy holds no
    /// schemas, even though the depth would fit.
    /// </summary>
    [Theory]
    [InlineData(EntityKind.Table, "lake.cat.s.t", EntityKind.ModelVersion, "1")]
    [InlineData(EntityKind.Fileset, "lake.cat.s.f", EntityKind.ModelVersion, "1")]
    [InlineData(EntityKind.Topic, "lake.cat.s.t", EntityKind.ModelVersion, "1")]
    [InlineData(EntityKind.Tag, "lake.t", EntityKind.Schema, "s")]
    [InlineData(EntityKind.Policy, "lake.p", EntityKind.Schema, "s")]
    public void Child_refuses_a_kind_that_cannot_live_in_this_entity(EntityKind kind, string identifier, EntityKind childKind, string name)
    {
        var key = EntityKey.Of(kind, identifier);

        Assert.Throws<InvalidNameException>(() => key.Child(childKind, name));
    }

    // ---------------------------------------------------------------- rename

    [Theory]
    [InlineData(EntityKind.Metalake, "lake", "lake2", "lake2")]
    [InlineData(EntityKind.Catalog, "lake.cat", "cat-2", "lake.cat-2")]
    [InlineData(EntityKind.Table, "lake.cat.s.t", "t2", "lake.cat.s.t2")]
    [InlineData(EntityKind.Fileset, "lake.cat.s.f", "f=2", "lake.cat.s.f=2")]
    [InlineData(EntityKind.Model, "lake.cat.s.m", "m/2", "lake.cat.s.m/2")]
    public void WithName_keeps_kind_and_namespace(EntityKind kind, string identifier, string name, string expected)
    {
        var key = EntityKey.Of(kind, identifier);

        var renamed = key.WithName(name);

        Assert.Equal(kind, renamed.Kind);
        Assert.Equal(expected, renamed.Identifier.ToString());
        Assert.Equal(key.Parent, renamed.Parent);
        Assert.Equal(identifier, key.Identifier.ToString());
    }

    [Theory]
    [InlineData(EntityKind.Metalake, "lake", "SYSTEM", "metalake")]
    [InlineData(EntityKind.Metalake, "lake", "my-lake", "metalake")]
    [InlineData(EntityKind.Catalog, "lake.cat", "System", "catalog")]
    [InlineData(EntityKind.Catalog, "lake.cat", "-cat", "catalog")]
    [InlineData(EntityKind.Table, "lake.cat.s.t", "*", "table")]
    [InlineData(EntityKind.Table, "lake.cat.s.t", "t.x", "level 4")]
    [InlineData(EntityKind.ModelVersion, "lake.cat.s.m.1", "one", "model version")]
    public void WithName_applies_the_naming_rules(EntityKind kind, string identifier, string name, string level)
    {
        var ex = Assert.Throws<InvalidNameException>(() => EntityKey.Of(kind, identifier).WithName(name));
        Assert.Equal(level, ex.Level);
    }

    // ---------------------------------------------------------------- equality, containers, text

    [Fact]
    public void Keys_are_equal_by_kind_and_identifier()
    {
        var a = EntityKey.Table("lake", "cat", "s", "t");
        var b = EntityKey.Of(EntityKind.Table, NameIdentifier.Of("lake", "cat", "s", "t"));

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Single(new HashSet<EntityKey> { a, b });
    }

    [Fact]
    public void Same_identifier_of_different_kinds_are_different_keys()
    {
        var catalog = EntityKey.Of(EntityKind.Catalog, "lake.x");
        var tag = EntityKey.Of(EntityKind.Tag, "lake.x");
        var table = EntityKey.Of(EntityKind.Table, "lake.cat.s.x");
        var topic = EntityKey.Of(EntityKind.Topic, "lake.cat.s.x");

        Assert.NotEqual(catalog, tag);
        Assert.NotEqual(catalog.ToGrainKey(), tag.ToGrainKey());
        Assert.NotEqual(table, topic);
        Assert.NotEqual(table.ToGrainKey(), topic.ToGrainKey());
    }

    [Theory]
    [InlineData(EntityKind.Metalake, "lake", true)]
    [InlineData(EntityKind.Catalog, "lake.cat", true)]
    [InlineData(EntityKind.Schema, "lake.cat.s", true)]
    [InlineData(EntityKind.Model, "lake.cat.s.m", true)]
    [InlineData(EntityKind.Table, "lake.cat.s.t", false)]
    [InlineData(EntityKind.Fileset, "lake.cat.s.f", false)]
    [InlineData(EntityKind.Topic, "lake.cat.s.t", false)]
    [InlineData(EntityKind.ModelVersion, "lake.cat.s.m.1", false)]
    [InlineData(EntityKind.Tag, "lake.t", false)]
    [InlineData(EntityKind.Policy, "lake.p", false)]
    public void IsContainer_by_kind(EntityKind kind, string identifier, bool expected) =>
        Assert.Equal(expected, EntityKey.Of(kind, identifier).IsContainer);

    [Fact]
    public void Root_is_a_container() => Assert.True(EntityKey.Root.IsContainer);

    [Fact]
    public void ToString_names_kind_and_identifier()
    {
        Assert.Equal("table 'lake.cat.s.t'", EntityKey.Table("lake", "cat", "s", "t").ToString());
        Assert.Equal("model_version 'lake.cat.s.m.2'", EntityKey.Of(EntityKind.ModelVersion, "lake.cat.s.m.2").ToString());
    }

    [Fact]
    public void Every_kind_has_a_distinct_token_that_parses_back()
    {
        var kinds = Enum.GetValues<EntityKind>();
        var tokens = kinds.Select(EntityKindTokens.ToToken).ToList();

        Assert.Equal(kinds.Length, tokens.Distinct(StringComparer.Ordinal).Count());
        foreach (var kind in kinds)
        {
            Assert.True(EntityKindTokens.TryParse(EntityKindTokens.ToToken(kind), out var parsed));
            Assert.Equal(kind, parsed);
        }
    }

    [Fact]
    public void Unknown_kind_has_no_token() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EntityKindTokens.ToToken((EntityKind)99));
}
