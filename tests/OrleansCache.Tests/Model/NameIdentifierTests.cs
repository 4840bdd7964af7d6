using OrleansCache.Errors;
using OrleansCache.Naming;

namespace OrleansCache.Tests.Model;

[Trait("Category", "Unit")]
public class NameIdentifierTests
{
    private static NameIdentifier Id(string text) => NameIdentifier.Parse(text);

    // ---------------------------------------------------------------- parse and print

    [Theory]
    [InlineData("lake", 1)]
    [InlineData("lake.cat", 2)]
    [InlineData("lake.cat.a/b=c-d", 3)]
    [InlineData("lake.cat.s.t", 4)]
    [InlineData("lake.cat.s.m.3", 5)]
    public void Parse_and_ToString_round_trip(string text, int depth)
    {
        var id = NameIdentifier.Parse(text);

        Assert.Equal(text, id.ToString());
        Assert.Equal(depth, id.Depth);
        Assert.Equal(text.Split('.'), id.Levels);
        Assert.Equal(id, NameIdentifier.Parse(id.ToString()));
    }

    [Fact]
    public void Of_and_Parse_build_the_same_identifier()
    {
        var built = NameIdentifier.Of("lake", "cat", "s", "t");

        Assert.Equal(Id("lake.cat.s.t"), built);
        Assert.Equal("lake.cat.s.t", built.ToString());
        Assert.Equal(new[] { "lake", "cat", "s", "t" }, built.Levels);
    }

    [Fact]
    public void Parse_rejects_empty_text()
    {
        var ex = Assert.Throws<InvalidNameException>(() => NameIdentifier.Parse(string.Empty));
        Assert.Equal("identifier", ex.Level);
        Assert.Equal(string.Empty, ex.Identifier);
    }

    [Fact]
    public void Parse_rejects_null() => Assert.Throws<ArgumentNullException>(() => NameIdentifier.Parse(null!));

    [Theory]
    [InlineData("lake..cat", "level 2")]
    [InlineData(".lake", "level 1")]
    [InlineData("lake.", "level 2")]
    [InlineData("..", "level 1")]
    [InlineData("lake.  .cat", "level 2")]
    [InlineData("lake.cat.s.\t", "level 4")]
    public void Parse_rejects_empty_or_blank_levels(string text, string level)
    {
        var ex = Assert.Throws<InvalidNameException>(() => NameIdentifier.Parse(text));
        Assert.Equal(level, ex.Level);
        Assert.Equal(text, ex.Identifier);
        Assert.Contains($"'{text}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_rejects_a_level_containing_a_dot()
    {
        var ex = Assert.Throws<InvalidNameException>(() => NameIdentifier.Of("lake", "a.b"));
        Assert.Equal("level 2", ex.Level);
        Assert.Equal("lake.a.b", ex.Identifier);
        Assert.Contains("'.'", ex.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Of_rejects_empty_levels(string level)
    {
        var ex = Assert.Throws<InvalidNameException>(() => NameIdentifier.Of("lake", level, "s"));
        Assert.Equal("level 2", ex.Level);
    }

    [Fact]
    public void Of_rejects_a_null_level()
    {
        var ex = Assert.Throws<InvalidNameException>(() => NameIdentifier.Of("lake", null!));
        Assert.Equal("level 2", ex.Level);
    }

    // ---------------------------------------------------------------- root

    [Fact]
    public void Root_has_no_levels()
    {
        var root = NameIdentifier.Root;

        Assert.Equal(0, root.Depth);
        Assert.Empty(root.Levels);
        Assert.Equal(string.Empty, root.ToString());
        Assert.Same(root, root.Namespace);
        Assert.Throws<InvalidOperationException>(() => root.Name);
    }

    // ---------------------------------------------------------------- namespace, name, child, with-name

    [Theory]
    [InlineData("lake.cat.s.t", "lake.cat.s", "t")]
    [InlineData("lake.cat.s", "lake.cat", "s")]
    [InlineData("lake.cat", "lake", "cat")]
    [InlineData("lake.cat.s.m.7", "lake.cat.s.m", "7")]
    public void Namespace_and_Name_split_the_last_level(string text, string ns, string name)
    {
        var id = Id(text);

        Assert.Equal(Id(ns), id.Namespace);
        Assert.Equal(name, id.Name);
        Assert.Equal(id, id.Namespace.Child(id.Name));
    }

    [Fact]
    public void Namespace_of_a_single_level_is_the_root()
    {
        var ns = Id("lake").Namespace;

        Assert.Equal(NameIdentifier.Root, ns);
        Assert.Equal(0, ns.Depth);
    }

    [Fact]
    public void Child_appends_a_level_and_leaves_the_parent_unchanged()
    {
        var parent = Id("lake.cat");

        var child = parent.Child("s");

        Assert.Equal(Id("lake.cat.s"), child);
        Assert.Equal("lake.cat", parent.ToString());
        Assert.Equal(2, parent.Depth);
    }

    [Fact]
    public void Child_of_the_root_is_a_single_level() =>
        Assert.Equal(Id("lake"), NameIdentifier.Root.Child("lake"));

    [Theory]
    [InlineData("a.b")]
    [InlineData("")]
    [InlineData("  ")]
    public void Child_rejects_a_name_that_cannot_be_a_level(string name)
    {
        var ex = Assert.Throws<InvalidNameException>(() => Id("lake.cat").Child(name));
        Assert.Equal("level 3", ex.Level);
        Assert.StartsWith("lake.cat.", ex.Identifier, StringComparison.Ordinal);
    }

    [Fact]
    public void WithName_replaces_the_last_level_only()
    {
        var id = Id("lake.cat.s.t");

        var renamed = id.WithName("t2");

        Assert.Equal(Id("lake.cat.s.t2"), renamed);
        Assert.Equal(id.Namespace, renamed.Namespace);
        Assert.Equal("lake.cat.s.t", id.ToString());
    }

    [Fact]
    public void WithName_rejects_a_dotted_name()
    {
        var ex = Assert.Throws<InvalidNameException>(() => Id("lake.cat").WithName("x.y"));
        Assert.Equal("level 2", ex.Level);
    }

    // ---------------------------------------------------------------- equality

    [Fact]
    public void Equal_identifiers_are_equal_and_hash_alike()
    {
        var a = Id("lake.cat.s");
        var b = NameIdentifier.Of("lake", "cat", "s");

        Assert.Equal(a, b);
        Assert.True(a.Equals(b));
        Assert.True(a.Equals((object)b));
        Assert.True(a == b);
        Assert.False(a != b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Single(new HashSet<NameIdentifier> { a, b });
    }

    [Theory]
    [InlineData("lake.cat", "lake.cat.s")]
    [InlineData("lake.cat1", "lake.cat10")]
    [InlineData("lake.cat", "lake.Cat")]
    [InlineData("lake.cat", "lake2.cat")]
    [InlineData("a.bc", "ab.c")]
    public void Different_identifiers_are_not_equal(string left, string right)
    {
        var a = Id(left);
        var b = Id(right);

        Assert.NotEqual(a, b);
        Assert.False(a.Equals(b));
        Assert.False(a == b);
        Assert.True(a != b);
        Assert.Equal(2, new HashSet<NameIdentifier> { a, b }.Count);
    }

    [Fact]
    public void Equality_with_null()
    {
        var a = Id("lake");
        NameIdentifier? none = null;

        Assert.False(a.Equals(none));
        Assert.False(a.Equals((object?)null));
        Assert.False(a == none);
        Assert.False(none == a);
        Assert.True(a != none);
        Assert.True(none == null);
        Assert.False(a.Equals("lake"));
    }

    // ---------------------------------------------------------------- prefix

    [Theory]
    [InlineData("lake.cat1", "lake.cat1.s", true)]
    [InlineData("lake.cat1", "lake.cat1.s.t", true)]
    [InlineData("lake.cat1", "lake.cat1", true)]
    [InlineData("lake", "lake.cat1.s.t", true)]
    [InlineData("lake.cat1", "lake.cat10", false)]
    [InlineData("lake.cat1", "lake.cat10.s", false)]
    [InlineData("lake.cat1.s", "lake.cat1", false)]
    [InlineData("lake.cat1", "lake", false)]
    [InlineData("lake.cat1", "lake2.cat1.s", false)]
    [InlineData("lake", "lake2", false)]
    [InlineData("lake.Cat1", "lake.cat1.s", false)]
    [InlineData("lake.cat", "lake.cat-1.s", false)]
    [InlineData("lake.cat.a", "lake.cat.a/b", false)]
    public void IsPrefixOf_compares_whole_levels(string prefix, string other, bool expected) =>
        Assert.Equal(expected, Id(prefix).IsPrefixOf(Id(other)));

    [Fact]
    public void Root_is_a_prefix_of_everything()
    {
        Assert.True(NameIdentifier.Root.IsPrefixOf(Id("lake")));
        Assert.True(NameIdentifier.Root.IsPrefixOf(Id("lake.cat.s.t")));
        Assert.True(NameIdentifier.Root.IsPrefixOf(NameIdentifier.Root));
        Assert.False(Id("lake").IsPrefixOf(NameIdentifier.Root));
    }

    // ---------------------------------------------------------------- rebase

    [Theory]
    [InlineData("lake.cat1.s.t", "lake.cat1", "lake.cat2", "lake.cat2.s.t")]
    [InlineData("lake.cat1.s", "lake.cat1", "lake.cat2", "lake.cat2.s")]
    [InlineData("lake.cat1", "lake.cat1", "lake.cat2", "lake.cat2")]
    [InlineData("lake.cat1.s.t", "lake", "other", "other.cat1.s.t")]
    [InlineData("lake.cat1.s.t", "lake.cat1.s", "lake.cat1.s2", "lake.cat1.s2.t")]
    [InlineData("lake.cat1.s.t", "lake.cat1", "x.y.z", "x.y.z.s.t")]
    public void Rebase_replaces_the_prefix(string text, string from, string to, string expected)
    {
        var id = Id(text);

        var moved = id.Rebase(Id(from), Id(to));

        Assert.Equal(Id(expected), moved);
        Assert.Equal(expected, moved.ToString());
        Assert.Equal(text, id.ToString());
    }

    [Theory]
    [InlineData("lake.cat10.s", "lake.cat1")]
    [InlineData("lake.cat10", "lake.cat1")]
    [InlineData("lake.cat1", "lake.cat1.s")]
    [InlineData("lake2.cat1.s", "lake")]
    public void Rebase_refuses_a_from_that_is_not_a_prefix(string text, string from)
    {
        var ex = Assert.Throws<ArgumentException>(() => Id(text).Rebase(Id(from), Id("lake.cat2")));
        Assert.Equal("from", ex.ParamName);
        Assert.Contains(text, ex.Message, StringComparison.Ordinal);
    }
}
