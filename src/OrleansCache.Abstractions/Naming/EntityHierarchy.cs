using OrleansCache.Errors;

namespace OrleansCache.Naming;

/// <summary>
/// Where each kind lives in the hierarchy: its depth, its parent kind, and the rule for each level.
/// </summary>
public static class EntityHierarchy
{
    /// <summary>The number of levels an identifier of <paramref name="kind"/> has.</summary>
    public static int Depth(EntityKind kind) => kind switch
    {
        EntityKind.Root => 0,
        EntityKind.Metalake => 1,
        EntityKind.Catalog or EntityKind.Tag or EntityKind.Policy => 2,
        EntityKind.Schema => 3,
        EntityKind.Table or EntityKind.Fileset or EntityKind.Topic or EntityKind.Model => 4,
        EntityKind.ModelVersion => 5,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown entity kind."),
    };

    /// <summary>The kind of the container that holds an entity of <paramref name="kind"/>.</summary>
    public static EntityKind ParentKind(EntityKind kind) => kind switch
    {
        EntityKind.Metalake => EntityKind.Root,
        EntityKind.Catalog or EntityKind.Tag or EntityKind.Policy => EntityKind.Metalake,
        EntityKind.Schema => EntityKind.Catalog,
        EntityKind.Table or EntityKind.Fileset or EntityKind.Topic or EntityKind.Model => EntityKind.Schema,
        EntityKind.ModelVersion => EntityKind.Model,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "This kind has no parent."),
    };

    /// <summary>
    /// The kinds an entity of <paramref name="container"/> holds directly (the inverse of
    /// <see cref="ParentKind"/>), in declaration order; empty for a kind that holds nothing.
    /// </summary>
    public static IReadOnlyList<EntityKind> ChildKinds(EntityKind container) =>
        ChildrenByKind.TryGetValue(container, out var children) ? children : [];

    private static readonly Dictionary<EntityKind, EntityKind[]> ChildrenByKind = Enum.GetValues<EntityKind>()
        .Where(kind => kind != EntityKind.Root)
        .GroupBy(ParentKind)
        .ToDictionary(group => group.Key, group => group.ToArray());

    /// <summary>True for kinds that index children: root, metalake, catalog, schema, model.</summary>
    public static bool IsContainer(EntityKind kind) =>
        kind is EntityKind.Root or EntityKind.Metalake or EntityKind.Catalog or EntityKind.Schema or EntityKind.Model;

    /// <summary>True where Gravitino allows a rename: metalake, catalog, table, fileset, model.</summary>
    public static bool IsRenamable(EntityKind kind) =>
        kind is EntityKind.Metalake or EntityKind.Catalog or EntityKind.Table or EntityKind.Fileset or EntityKind.Model;

    /// <summary>Applies the depth rule and every level's naming rule.</summary>
    /// <exception cref="InvalidNameException">The identifier breaks a rule; the message says which.</exception>
    public static void Validate(EntityKind kind, NameIdentifier identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        if (kind == EntityKind.Root)
        {
            throw new InvalidNameException(identifier.ToString(), "kind", "the root is not addressable");
        }

        var depth = Depth(kind);
        var text = identifier.ToString();
        if (identifier.Depth != depth)
        {
            throw new InvalidNameException(
                text,
                "identifier",
                $"a {EntityKindTokens.ToToken(kind)} identifier has {depth} level(s) ({Shape(kind)}), got {identifier.Depth}");
        }

        var levels = identifier.Levels;
        var rules = RulesByKind[kind];
        for (var i = 0; i < levels.Length; i++)
        {
            rules[i].Check(levels[i], text);
        }
    }

    private static readonly Dictionary<EntityKind, NameRule[]> RulesByKind = Enum.GetValues<EntityKind>()
        .Where(kind => kind != EntityKind.Root)
        .ToDictionary(kind => kind, LevelRules);

    private static NameRule[] LevelRules(EntityKind kind) => kind switch
    {
        EntityKind.Metalake => [NamingRules.Metalake],
        EntityKind.Catalog => [NamingRules.Metalake, NamingRules.Catalog],
        EntityKind.Tag or EntityKind.Policy => [NamingRules.Metalake, NamingRules.MetalakeObject(kind)],
        EntityKind.Schema => [NamingRules.Metalake, NamingRules.Catalog, NamingRules.Schema],
        EntityKind.Table or EntityKind.Fileset or EntityKind.Topic or EntityKind.Model =>
            [NamingRules.Metalake, NamingRules.Catalog, NamingRules.Schema, NamingRules.SchemaObject(kind)],
        EntityKind.ModelVersion =>
            [NamingRules.Metalake, NamingRules.Catalog, NamingRules.Schema, NamingRules.SchemaObject(EntityKind.Model), NamingRules.ModelVersion],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown entity kind."),
    };

    // The levels of an identifier, named after the kinds of its ancestors (for example
    // metalake.catalog.schema.table): the hierarchy and the tokens are the one source.
    private static string Shape(EntityKind kind) =>
        kind == EntityKind.Metalake ? EntityKindTokens.ToToken(kind) : $"{Shape(ParentKind(kind))}.{LevelName(kind)}";

    private static string LevelName(EntityKind kind) => kind == EntityKind.ModelVersion ? "version" : EntityKindTokens.ToToken(kind);
}
