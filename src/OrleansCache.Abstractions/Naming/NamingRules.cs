using System.Text.RegularExpressions;

namespace OrleansCache.Naming;

/// <summary>
/// Gravitino's naming rules, level by level. <c>\w</c> means ASCII word characters
/// (<c>[A-Za-z0-9_]</c>) as in Java; reserved names are compared case-insensitively.
/// </summary>
public static partial class NamingRules
{
    /// <summary>The rule for a metalake name: <c>^\w{1,64}$</c>, <c>system</c> reserved.</summary>
    public static NameRule Metalake { get; } = new("metalake", MetalakePattern(), @"1 to 64 letters, digits or underscores (Gravitino's ^\w{1,64}$)", ["system"]);

    /// <summary>The rule for a catalog name: <c>^\w[\w-]{0,63}$</c>, <c>system</c> and <c>*</c> reserved.</summary>
    public static NameRule Catalog { get; } = new("catalog", CatalogPattern(), @"a letter, digit or underscore, then up to 63 of those or '-' (Gravitino's ^\w[\w-]{0,63}$)", ["system", "*"]);

    /// <summary>The rule for a schema name: <c>^\w[\w/=-]{0,63}$</c>, <c>*</c> reserved.</summary>
    public static NameRule Schema { get; } = new("schema", LeafPattern(), @"a letter, digit or underscore, then up to 63 of those or '/', '=', '-' (Gravitino's ^\w[\w/=-]{0,63}$)", ["*"]);

    /// <summary>The rule for a table, fileset, topic or model name: <c>^\w[\w/=-]{0,63}$</c>, <c>*</c> reserved.</summary>
    public static NameRule SchemaObject(EntityKind kind) => Leaf(kind);

    /// <summary>The rule for a model version: a non-negative whole number, <c>^\d{1,9}$</c>.</summary>
    public static NameRule ModelVersion { get; } = new("model version", VersionPattern(), @"1 to 9 digits (^\d{1,9}$)", []);

    /// <summary>The rule for a tag or policy name: <c>^\w[\w/=-]{0,63}$</c>, <c>*</c> reserved.</summary>
    public static NameRule MetalakeObject(EntityKind kind) => Leaf(kind);

    private static NameRule Leaf(EntityKind kind) => new(EntityKindTokens.ToToken(kind), LeafPattern(), @"a letter, digit or underscore, then up to 63 of those or '/', '=', '-' (Gravitino's ^\w[\w/=-]{0,63}$)", ["*"]);

    [GeneratedRegex(@"^[A-Za-z0-9_]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex MetalakePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex CatalogPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_/=-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex LeafPattern();

    [GeneratedRegex(@"^[0-9]{1,9}\z", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
