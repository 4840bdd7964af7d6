using OrleansCache.Naming;

namespace OrleansCache.Rest.Api;

/// <summary>What a read path asks for.</summary>
internal enum RouteAction
{
    /// <summary>One entity.</summary>
    Load,

    /// <summary>A container's children of one kind.</summary>
    List,

    /// <summary>A model version found by alias.</summary>
    LoadByAlias,

    /// <summary>A metalake's change feed.</summary>
    Changes,
}

/// <summary>
/// A GET path of Gravitino's API that the cache serves, parsed: the action, the entity kind (for a
/// list, the children's kind) and the name levels (for a list, the container's). Names are not
/// checked here; building the <see cref="EntityKey"/> applies the naming rules.
/// </summary>
internal sealed record ApiRoute(RouteAction Action, EntityKind Kind, string[] Levels)
{
    private static readonly Dictionary<string, EntityKind> SchemaObjects = new(StringComparer.Ordinal)
    {
        ["tables"] = EntityKind.Table,
        ["filesets"] = EntityKind.Fileset,
        ["topics"] = EntityKind.Topic,
        ["models"] = EntityKind.Model,
    };

    /// <summary>The container a list reads (the root for the metalake list).</summary>
    public EntityKey Container => Levels.Length == 0 ? EntityKey.Root : EntityKey.Of(EntityHierarchy.ParentKind(Kind), NameIdentifier.Of(Levels));

    /// <summary>The entity a load reads.</summary>
    public EntityKey Entity => EntityKey.Of(Kind, NameIdentifier.Of(Levels));

    /// <summary>Parses the path after <c>/api</c> (for example <c>/metalakes/lake/catalogs</c>); null for any path the cache does not serve.</summary>
    public static ApiRoute? Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var s = path.Trim('/').Split('/');
        if (s.Length == 0 || s[0] != "metalakes" || s.Any(segment => segment.Length == 0))
        {
            return null;
        }

        return s.Length switch
        {
            1 => new(RouteAction.List, EntityKind.Metalake, []),
            2 => new(RouteAction.Load, EntityKind.Metalake, [s[1]]),
            3 => s[2] switch
            {
                "catalogs" => new(RouteAction.List, EntityKind.Catalog, [s[1]]),
                "tags" => new(RouteAction.List, EntityKind.Tag, [s[1]]),
                "policies" => new(RouteAction.List, EntityKind.Policy, [s[1]]),
                "changes" => new(RouteAction.Changes, EntityKind.Metalake, [s[1]]),
                _ => null,
            },
            4 => s[2] switch
            {
                "catalogs" => new(RouteAction.Load, EntityKind.Catalog, [s[1], s[3]]),
                "tags" => new(RouteAction.Load, EntityKind.Tag, [s[1], s[3]]),
                "policies" => new(RouteAction.Load, EntityKind.Policy, [s[1], s[3]]),
                _ => null,
            },
            5 when s[2] == "catalogs" && s[4] == "schemas" => new(RouteAction.List, EntityKind.Schema, [s[1], s[3]]),
            6 when s[2] == "catalogs" && s[4] == "schemas" => new(RouteAction.Load, EntityKind.Schema, [s[1], s[3], s[5]]),
            7 when s[2] == "catalogs" && s[4] == "schemas" && SchemaObjects.TryGetValue(s[6], out var kind) =>
                new(RouteAction.List, kind, [s[1], s[3], s[5]]),
            8 when s[2] == "catalogs" && s[4] == "schemas" && SchemaObjects.TryGetValue(s[6], out var kind) =>
                new(RouteAction.Load, kind, [s[1], s[3], s[5], s[7]]),
            9 when s[2] == "catalogs" && s[4] == "schemas" && s[6] == "models" && s[8] == "versions" =>
                new(RouteAction.List, EntityKind.ModelVersion, [s[1], s[3], s[5], s[7]]),
            10 when s[2] == "catalogs" && s[4] == "schemas" && s[6] == "models" && s[8] == "versions" =>
                new(RouteAction.Load, EntityKind.ModelVersion, [s[1], s[3], s[5], s[7], s[9]]),
            10 when s[2] == "catalogs" && s[4] == "schemas" && s[6] == "models" && s[8] == "aliases" =>
                new(RouteAction.LoadByAlias, EntityKind.ModelVersion, [s[1], s[3], s[5], s[7], s[9]]),
            _ => null,
        };
    }
}
