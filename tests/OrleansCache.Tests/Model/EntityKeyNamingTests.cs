using OrleansCache.Errors;
using OrleansCache.Naming;

namespace OrleansCache.Tests.Model;

/// <summary>
/// Gravitino's naming rules, level by level, as applied by <see cref="EntityKey.Of(EntityKind, string)"/>.
/// </summary>
[Trait("Category", "Unit")]
public class EntityKeyNamingTests
{
    private static readonly string Chars64 = new('a', 64);
    private static readonly string Chars65 = new('a', 65);

    /// <summary>Asserts the identifier is refused, naming <paramref name="level"/> and the identifier.</summary>
    private static InvalidNameException AssertRejected(EntityKind kind, string identifier, string level)
    {
        var ex = Assert.Throws<InvalidNameException>(() => EntityKey.Of(kind, identifier));
        Assert.Equal(level, ex.Level);
        Assert.Equal(identifier, ex.Identifier);
        Assert.Contains($"'{identifier}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(level, ex.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(ex.Rule));
        return ex;
    }

    private static void AssertAccepted(EntityKind kind, string identifier)
    {
        var key = EntityKey.Of(kind, identifier);
        Assert.Equal(kind, key.Kind);
        Assert.Equal(identifier, key.Identifier.ToString());
    }

    // ---------------------------------------------------------------- metalake: ^\w{1,64}$, 'system' reserved

    [Theory]
    [InlineData("lake")]
    [InlineData("a")]
    [InlineData("_")]
    [InlineData("0")]
    [InlineData("Lake_01")]
    [InlineData("UPPER")]
    [InlineData("systems")]
    [InlineData("system_")]
    [InlineData("_system")]
    [InlineData("system1")]
    public void Metalake_valid_names_are_accepted(string name) => AssertAccepted(EntityKind.Metalake, name);

    [Fact]
    public void Metalake_name_of_64_characters_is_accepted() => AssertAccepted(EntityKind.Metalake, Chars64);

    [Fact]
    public void Metalake_name_of_65_characters_is_rejected() => AssertRejected(EntityKind.Metalake, Chars65, "metalake");

    [Theory]
    [InlineData("my-lake")]
    [InlineData("-lake")]
    [InlineData("my/lake")]
    [InlineData("lake=1")]
    [InlineData("la ke")]
    [InlineData(" lake")]
    [InlineData("lake ")]
    [InlineData("lake*")]
    [InlineData("*")]
    [InlineData("lake$")]
    [InlineData("lak\u00e9")] // é
    [InlineData("\u00e9")]
    [InlineData("\u043a\u043e\u0442")] // Cyrillic
    [InlineData("\uff4cake")] // fullwidth l
    [InlineData("\u212a")] // Kelvin sign, which case-insensitive matching folds to 'k'
    [InlineData("\u0663")] // Arabic-Indic digit three
    [InlineData("lake\t")]
    public void Metalake_names_breaking_the_pattern_are_rejected(string name)
    {
        var ex = AssertRejected(EntityKind.Metalake, name, "metalake");
        Assert.Contains(@"^\w{1,64}$", ex.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("system")]
    [InlineData("SYSTEM")]
    [InlineData("System")]
    [InlineData("sYsTeM")]
    public void Metalake_reserved_name_is_rejected_in_any_case(string name)
    {
        var ex = AssertRejected(EntityKind.Metalake, name, "metalake");
        Assert.Contains("reserved", ex.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EntityKind.Catalog, "SYSTEM.cat")]
    [InlineData(EntityKind.Catalog, "my-lake.cat")]
    [InlineData(EntityKind.Schema, "System.cat.s")]
    [InlineData(EntityKind.Table, "l\u00e9.cat.s.t")]
    [InlineData(EntityKind.ModelVersion, "system.cat.s.m.1")]
    [InlineData(EntityKind.Tag, "sys-tem.t")]
    [InlineData(EntityKind.Policy, "SYSTEM.p")]
    public void Metalake_rule_applies_to_the_first_level_of_every_kind(EntityKind kind, string identifier) =>
        AssertRejected(kind, identifier, "metalake");

    [Fact]
    public void Metalake_factory_applies_the_rules()
    {
        var ex = Assert.Throws<InvalidNameException>(() => EntityKey.Metalake("SYSTEM"));
        Assert.Equal("metalake", ex.Level);
        Assert.Equal("SYSTEM", ex.Identifier);
    }

    // ---------------------------------------------------------------- catalog: ^\w[\w-]{0,63}$, 'system' and '*' reserved

    [Theory]
    [InlineData("lake.cat")]
    [InlineData("lake.c")]
    [InlineData("lake.my-cat")]
    [InlineData("lake.cat-")]
    [InlineData("lake._-")]
    [InlineData("lake.0cat")]
    [InlineData("lake.a--b")]
    [InlineData("lake.systemx")]
    [InlineData("lake.my_system")]
    public void Catalog_valid_names_are_accepted(string identifier) => AssertAccepted(EntityKind.Catalog, identifier);

    [Fact]
    public void Catalog_name_of_64_characters_is_accepted() => AssertAccepted(EntityKind.Catalog, $"lake.c{new string('-', 63)}");

    [Fact]
    public void Catalog_name_of_65_characters_is_rejected() => AssertRejected(EntityKind.Catalog, $"lake.{Chars65}", "catalog");

    [Theory]
    [InlineData("lake.-cat")]
    [InlineData("lake.-")]
    [InlineData("lake.cat/x")]
    [InlineData("lake.cat=x")]
    [InlineData("lake.ca t")]
    [InlineData("lake.caf\u00e9")]
    [InlineData("lake.\u00e9cat")]
    [InlineData("lake.cat*")]
    [InlineData("lake.cat!")]
    public void Catalog_names_breaking_the_pattern_are_rejected(string identifier)
    {
        var ex = AssertRejected(EntityKind.Catalog, identifier, "catalog");
        Assert.Contains(@"^\w[\w-]{0,63}$", ex.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lake.system")]
    [InlineData("lake.SYSTEM")]
    [InlineData("lake.System")]
    [InlineData("lake.sysTEM")]
    [InlineData("lake.*")]
    public void Catalog_reserved_names_are_rejected_in_any_case(string identifier)
    {
        var ex = AssertRejected(EntityKind.Catalog, identifier, "catalog");
        Assert.Contains("reserved", ex.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EntityKind.Schema, "lake.SYSTEM.s")]
    [InlineData(EntityKind.Schema, "lake.*.s")]
    [InlineData(EntityKind.Table, "lake.-cat.s.t")]
    [InlineData(EntityKind.Fileset, "lake.cat/x.s.f")]
    [InlineData(EntityKind.ModelVersion, "lake.System.s.m.1")]
    public void Catalog_rule_applies_to_the_second_level_of_deeper_kinds(EntityKind kind, string identifier) =>
        AssertRejected(kind, identifier, "catalog");

    [Fact]
    public void Catalog_factory_applies_the_rules()
    {
        var ex = Assert.Throws<InvalidNameException>(() => EntityKey.Catalog("lake", "System"));
        Assert.Equal("catalog", ex.Level);
        Assert.Equal("lake.System", ex.Identifier);
    }

    // ---------------------------------------------------------------- schema: ^\w[\w/=-]{0,63}$, '*' reserved

    [Theory]
    [InlineData("lake.cat.s")]
    [InlineData("lake.cat.a/b")]
    [InlineData("lake.cat.a=b")]
    [InlineData("lake.cat.a-b")]
    [InlineData("lake.cat.year=2024/month=01")]
    [InlineData("lake.cat._")]
    [InlineData("lake.cat.0")]
    [InlineData("lake.cat.a/")]
    [InlineData("lake.cat.system")] // 'system' is reserved for metalakes and catalogs only
    [InlineData("lake.cat.SYSTEM")]
    public void Schema_valid_names_are_accepted(string identifier) => AssertAccepted(EntityKind.Schema, identifier);

    [Fact]
    public void Schema_name_of_64_characters_is_accepted() => AssertAccepted(EntityKind.Schema, $"lake.cat.s{new string('/', 63)}");

    [Fact]
    public void Schema_name_of_65_characters_is_rejected() => AssertRejected(EntityKind.Schema, $"lake.cat.{Chars65}", "schema");

    [Theory]
    [InlineData("lake.cat./a")]
    [InlineData("lake.cat.=a")]
    [InlineData("lake.cat.-a")]
    [InlineData("lake.cat.a b")]
    [InlineData("lake.cat.sch\u00e9ma")]
    [InlineData("lake.cat.a*")]
    [InlineData("lake.cat.a\\b")]
    [InlineData("lake.cat.a:b")]
    public void Schema_names_breaking_the_pattern_are_rejected(string identifier)
    {
        var ex = AssertRejected(EntityKind.Schema, identifier, "schema");
        Assert.Contains(@"^\w[\w/=-]{0,63}$", ex.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_reserved_star_is_rejected()
    {
        var ex = AssertRejected(EntityKind.Schema, "lake.cat.*", "schema");
        Assert.Contains("reserved", ex.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EntityKind.Table, "lake.cat.*.t")]
    [InlineData(EntityKind.Topic, "lake.cat.-s.t")]
    [InlineData(EntityKind.Model, "lake.cat.s\u00e9.m")]
    [InlineData(EntityKind.ModelVersion, "lake.cat.=s.m.1")]
    public void Schema_rule_applies_to_the_third_level_of_deeper_kinds(EntityKind kind, string identifier) =>
        AssertRejected(kind, identifier, "schema");

    // ---------------------------------------------------------------- table, fileset, topic, model: schema-object rule

    [Theory]
    [InlineData(EntityKind.Table, "t")]
    [InlineData(EntityKind.Table, "orders")]
    [InlineData(EntityKind.Table, "a/b=c-d")]
    [InlineData(EntityKind.Table, "system")]
    [InlineData(EntityKind.Fileset, "f-1")]
    [InlineData(EntityKind.Fileset, "dt=2024")]
    [InlineData(EntityKind.Topic, "events/v1")]
    [InlineData(EntityKind.Topic, "_t")]
    [InlineData(EntityKind.Model, "model-1")]
    [InlineData(EntityKind.Model, "9")]
    public void Schema_object_valid_names_are_accepted(EntityKind kind, string name) =>
        AssertAccepted(kind, $"lake.cat.s.{name}");

    [Theory]
    [InlineData(EntityKind.Table)]
    [InlineData(EntityKind.Fileset)]
    [InlineData(EntityKind.Topic)]
    [InlineData(EntityKind.Model)]
    public void Schema_object_name_of_64_characters_is_accepted(EntityKind kind) =>
        AssertAccepted(kind, $"lake.cat.s.x{new string('=', 63)}");

    [Theory]
    [InlineData(EntityKind.Table, "table")]
    [InlineData(EntityKind.Fileset, "fileset")]
    [InlineData(EntityKind.Topic, "topic")]
    [InlineData(EntityKind.Model, "model")]
    public void Schema_object_name_of_65_characters_is_rejected(EntityKind kind, string level) =>
        AssertRejected(kind, $"lake.cat.s.{Chars65}", level);

    [Theory]
    [InlineData(EntityKind.Table, "table", "-t")]
    [InlineData(EntityKind.Table, "table", "/t")]
    [InlineData(EntityKind.Table, "table", "=t")]
    [InlineData(EntityKind.Table, "table", "t\u00e9")]
    [InlineData(EntityKind.Table, "table", "t t")]
    [InlineData(EntityKind.Fileset, "fileset", "-f")]
    [InlineData(EntityKind.Fileset, "fileset", "f\u00e9")]
    [InlineData(EntityKind.Topic, "topic", "=t")]
    [InlineData(EntityKind.Topic, "topic", "t#")]
    [InlineData(EntityKind.Model, "model", "/m")]
    [InlineData(EntityKind.Model, "model", "m\u00e9")]
    public void Schema_object_names_breaking_the_pattern_are_rejected(EntityKind kind, string level, string name) =>
        AssertRejected(kind, $"lake.cat.s.{name}", level);

    [Theory]
    [InlineData(EntityKind.Table, "table")]
    [InlineData(EntityKind.Fileset, "fileset")]
    [InlineData(EntityKind.Topic, "topic")]
    [InlineData(EntityKind.Model, "model")]
    public void Schema_object_reserved_star_is_rejected(EntityKind kind, string level)
    {
        var ex = AssertRejected(kind, "lake.cat.s.*", level);
        Assert.Contains("reserved", ex.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_factory_applies_the_rules()
    {
        var ex = Assert.Throws<InvalidNameException>(() => EntityKey.Table("lake", "cat", "s", "*"));
        Assert.Equal("table", ex.Level);
        Assert.Equal("lake.cat.s.*", ex.Identifier);
    }

    [Fact]
    public void Model_rule_applies_to_the_fourth_level_of_a_model_version() =>
        AssertRejected(EntityKind.ModelVersion, "lake.cat.s.-m.1", "model");

    // ---------------------------------------------------------------- model version: ^\d{1,9}$

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("42")]
    [InlineData("007")]
    [InlineData("123456789")]
    public void Model_version_digits_are_accepted(string version) =>
        AssertAccepted(EntityKind.ModelVersion, $"lake.cat.s.m.{version}");

    [Theory]
    [InlineData("1234567890")]
    [InlineData("v1")]
    [InlineData("1a")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("latest")]
    [InlineData("*")]
    [InlineData("_")]
    [InlineData("\u0663")] // Arabic-Indic digit three
    [InlineData("\uff11")] // fullwidth digit one
    [InlineData("1e3")]
    [InlineData("0x1")]
    public void Model_version_non_digits_are_rejected(string version)
    {
        var ex = AssertRejected(EntityKind.ModelVersion, $"lake.cat.s.m.{version}", "model version");
        Assert.Contains(@"^\d{1,9}$", ex.Rule, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- tag and policy: metalake.name, schema-object rule

    [Theory]
    [InlineData(EntityKind.Tag, "lake.pii")]
    [InlineData(EntityKind.Tag, "lake.a/b=c-d")]
    [InlineData(EntityKind.Tag, "lake.system")]
    [InlineData(EntityKind.Policy, "lake.compaction")]
    [InlineData(EntityKind.Policy, "lake.p-1")]
    [InlineData(EntityKind.Policy, "lake.0")]
    public void Tag_and_policy_valid_names_are_accepted(EntityKind kind, string identifier) => AssertAccepted(kind, identifier);

    [Theory]
    [InlineData(EntityKind.Tag)]
    [InlineData(EntityKind.Policy)]
    public void Tag_and_policy_names_of_64_characters_are_accepted(EntityKind kind) => AssertAccepted(kind, $"lake.{Chars64}");

    [Theory]
    [InlineData(EntityKind.Tag, "tag", "lake.-t")]
    [InlineData(EntityKind.Tag, "tag", "lake./t")]
    [InlineData(EntityKind.Tag, "tag", "lake.t\u00e9")]
    [InlineData(EntityKind.Tag, "tag", "lake.*")]
    [InlineData(EntityKind.Tag, "tag", "lake.t t")]
    [InlineData(EntityKind.Policy, "policy", "lake.=p")]
    [InlineData(EntityKind.Policy, "policy", "lake.p\u00e9")]
    [InlineData(EntityKind.Policy, "policy", "lake.*")]
    public void Tag_and_policy_names_breaking_the_rule_are_rejected(EntityKind kind, string level, string identifier) =>
        AssertRejected(kind, identifier, level);

    [Theory]
    [InlineData(EntityKind.Tag, "tag")]
    [InlineData(EntityKind.Policy, "policy")]
    public void Tag_and_policy_names_of_65_characters_are_rejected(EntityKind kind, string level) =>
        AssertRejected(kind, $"lake.{Chars65}", level);

    // ---------------------------------------------------------------- depth

    [Theory]
    [InlineData(EntityKind.Metalake, "lake.cat", 1)]
    [InlineData(EntityKind.Catalog, "lake", 2)]
    [InlineData(EntityKind.Catalog, "lake.cat.s", 2)]
    [InlineData(EntityKind.Tag, "lake", 2)]
    [InlineData(EntityKind.Tag, "lake.t.x", 2)]
    [InlineData(EntityKind.Policy, "lake", 2)]
    [InlineData(EntityKind.Policy, "lake.p.x", 2)]
    [InlineData(EntityKind.Schema, "lake.cat", 3)]
    [InlineData(EntityKind.Schema, "lake.cat.s.t", 3)]
    [InlineData(EntityKind.Table, "lake.cat.s", 4)]
    [InlineData(EntityKind.Table, "lake.cat.s.t.x", 4)]
    [InlineData(EntityKind.Fileset, "lake.cat.s", 4)]
    [InlineData(EntityKind.Fileset, "lake.cat.s.f.x", 4)]
    [InlineData(EntityKind.Topic, "lake.cat.s", 4)]
    [InlineData(EntityKind.Topic, "lake.cat.s.t.x", 4)]
    [InlineData(EntityKind.Model, "lake.cat.s", 4)]
    [InlineData(EntityKind.Model, "lake.cat.s.m.1", 4)]
    [InlineData(EntityKind.ModelVersion, "lake.cat.s.m", 5)]
    [InlineData(EntityKind.ModelVersion, "lake.cat.s.m.1.2", 5)]
    public void Wrong_depth_is_rejected_for_every_kind(EntityKind kind, string identifier, int expectedDepth)
    {
        var ex = AssertRejected(kind, identifier, "identifier");
        Assert.Contains($"{expectedDepth} level(s)", ex.Rule, StringComparison.Ordinal);
        Assert.Contains($"got {identifier.Split('.').Length}", ex.Rule, StringComparison.Ordinal);
        Assert.Contains(EntityKindTokens.ToToken(kind), ex.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EntityKind.Metalake, 1)]
    [InlineData(EntityKind.Catalog, 2)]
    [InlineData(EntityKind.Tag, 2)]
    [InlineData(EntityKind.Policy, 2)]
    [InlineData(EntityKind.Schema, 3)]
    [InlineData(EntityKind.Table, 4)]
    [InlineData(EntityKind.Fileset, 4)]
    [InlineData(EntityKind.Topic, 4)]
    [InlineData(EntityKind.Model, 4)]
    [InlineData(EntityKind.ModelVersion, 5)]
    public void Depth_matches_the_hierarchy(EntityKind kind, int depth) => Assert.Equal(depth, EntityHierarchy.Depth(kind));

    [Fact]
    public void Root_kind_is_not_addressable()
    {
        var ex = Assert.Throws<InvalidNameException>(() => EntityKey.Of(EntityKind.Root, "lake"));
        Assert.Equal("kind", ex.Level);
        Assert.Equal("lake", ex.Identifier);
    }

    // ---------------------------------------------------------------- empty levels

    [Theory]
    [InlineData(EntityKind.Catalog, "lake..cat", "level 2")]
    [InlineData(EntityKind.Catalog, "lake.", "level 2")]
    [InlineData(EntityKind.Catalog, ".cat", "level 1")]
    [InlineData(EntityKind.Metalake, ".", "level 1")]
    [InlineData(EntityKind.Schema, "lake..s", "level 2")]
    [InlineData(EntityKind.Schema, "lake. .s", "level 2")]
    [InlineData(EntityKind.Table, "lake.cat.s.", "level 4")]
    [InlineData(EntityKind.Table, "lake.cat..t", "level 3")]
    [InlineData(EntityKind.ModelVersion, "lake.cat.s.m.", "level 5")]
    [InlineData(EntityKind.Metalake, " ", "level 1")]
    public void Empty_levels_are_rejected(EntityKind kind, string identifier, string level)
    {
        var ex = AssertRejected(kind, identifier, level);
        Assert.Contains("empty", ex.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EntityKind.Metalake)]
    [InlineData(EntityKind.Table)]
    public void Empty_identifier_is_rejected(EntityKind kind) => AssertRejected(kind, string.Empty, "identifier");

    // ---------------------------------------------------------------- full-string match

    /// <summary>
    /// Gravitino matches the whole name (Java's <c>Matcher.matches()</c>): a name with a trailing line
    /// break is not a valid name. In .NET, <c>$</c> also matches before a final <c>\n</c>.
    /// </summary>
    [Theory]
    [InlineData(EntityKind.Metalake, "lake\n", "metalake")]
    [InlineData(EntityKind.Catalog, "lake.cat\n", "catalog")]
    [InlineData(EntityKind.Schema, "lake.cat.s\n", "schema")]
    [InlineData(EntityKind.Table, "lake.cat.s.t\n", "table")]
    [InlineData(EntityKind.Tag, "lake.t\n", "tag")]
    [InlineData(EntityKind.ModelVersion, "lake.cat.s.m.1\n", "model version")]
    public void Name_with_a_trailing_newline_is_rejected(EntityKind kind, string identifier, string level) =>
        AssertRejected(kind, identifier, level);

    [Fact]
    public void Metalake_name_of_64_characters_plus_a_newline_is_rejected() =>
        AssertRejected(EntityKind.Metalake, Chars64 + "\n", "metalake");

    [Fact]
    public void First_offending_level_is_reported()
    {
        // Both the metalake and the table level are wrong: the highest level is named.
        var ex = AssertRejected(EntityKind.Table, "SYSTEM.cat.s.*", "metalake");
        Assert.Contains("'SYSTEM'", ex.Rule, StringComparison.Ordinal);
    }
}
