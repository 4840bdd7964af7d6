using System.Globalization;
using OrleansCache.Naming;

namespace OrleansCache.Origin.Gravitino.Polling;

/// <summary>
/// One row of Gravitino's <c>entity_change_log</c>: the entity's type (<c>TABLE</c>, <c>SCHEMA</c>,
/// ...), its full name <em>before</em> the change (<c>metalake.catalog.schema.table</c>; tags and
/// policies carry Gravitino's <c>metalake.system.tag.name</c> form) and the operation (1 alter,
/// which Gravitino writes for renames; 2 drop).
/// </summary>
internal sealed record ChangeLogRow(long Id, string Metalake, string EntityType, string FullName, int Operation, long CreatedAtMs)
{
    /// <summary>
    /// The entity the row names, as the cache keys it; null for types the cache does not serve
    /// (users, roles, ...) or names its naming rules refuse (never cached under them).
    /// </summary>
    public EntityKey? Key()
    {
        var levels = FullName.Split('.');
        EntityKind? kind = EntityType.ToUpperInvariant() switch
        {
            "METALAKE" => EntityKind.Metalake,
            "CATALOG" => EntityKind.Catalog,
            "SCHEMA" => EntityKind.Schema,
            "TABLE" => EntityKind.Table,
            "FILESET" => EntityKind.Fileset,
            "TOPIC" => EntityKind.Topic,
            "MODEL" => EntityKind.Model,
            "MODEL_VERSION" => EntityKind.ModelVersion,
            "TAG" => EntityKind.Tag,
            "POLICY" => EntityKind.Policy,
            _ => null,
        };
        if (kind is not { } known)
        {
            return null;
        }

        string[] named = known is EntityKind.Tag or EntityKind.Policy ? [Metalake, levels[^1]] : levels;
        if (named.Length != Depth(known))
        {
            return null;
        }

        try
        {
            return EntityKey.Of(known, NameIdentifier.Of(named));
        }
        catch (Errors.InvalidNameException)
        {
            return null;
        }
    }

    private static int Depth(EntityKind kind)
    {
        var depth = 0;
        for (var current = kind; current != EntityKind.Root; current = EntityHierarchy.ParentKind(current))
        {
            depth++;
        }

        return depth;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"#{Id} {EntityType} {FullName} op {Operation}");
}
