using OrleansCache.Naming;

namespace OrleansCache.Origin.Gravitino.Store;

/// <summary>
/// Where Gravitino keeps one kind of entity (its 2.0 schema, <c>scripts/postgresql/</c>): the
/// <c>*_meta</c> table, its id and name columns, and the column that points at the container's id.
/// Rows whose <c>deleted_at</c> is not 0 are soft-deleted and do not exist.
/// </summary>
internal sealed record EntityTable(EntityKind Kind, string Table, string IdColumn, string NameColumn, string? ContainerColumn)
{
    public static readonly EntityTable Metalake = new(EntityKind.Metalake, "metalake_meta", "metalake_id", "metalake_name", null);
    public static readonly EntityTable Catalog = new(EntityKind.Catalog, "catalog_meta", "catalog_id", "catalog_name", "metalake_id");
    public static readonly EntityTable Schema = new(EntityKind.Schema, "schema_meta", "schema_id", "schema_name", "catalog_id");
    public static readonly EntityTable Table_ = new(EntityKind.Table, "table_meta", "table_id", "table_name", "schema_id");
    public static readonly EntityTable Fileset = new(EntityKind.Fileset, "fileset_meta", "fileset_id", "fileset_name", "schema_id");
    public static readonly EntityTable Topic = new(EntityKind.Topic, "topic_meta", "topic_id", "topic_name", "schema_id");
    public static readonly EntityTable Model = new(EntityKind.Model, "model_meta", "model_id", "model_name", "schema_id");
    public static readonly EntityTable Tag = new(EntityKind.Tag, "tag_meta", "tag_id", "tag_name", "metalake_id");
    public static readonly EntityTable Policy = new(EntityKind.Policy, "policy_meta", "policy_id", "policy_name", "metalake_id");

    private static readonly Dictionary<EntityKind, EntityTable> ByKind = new[] { Metalake, Catalog, Schema, Table_, Fileset, Topic, Model, Tag, Policy }
        .ToDictionary(table => table.Kind);

    /// <summary>The table of <paramref name="kind"/>; model versions have none (they are rows of <c>model_version_info</c>).</summary>
    public static EntityTable For(EntityKind kind) =>
        ByKind.TryGetValue(kind, out var table) ? table : throw new ArgumentOutOfRangeException(nameof(kind), kind, "No *_meta table holds this kind.");

    /// <summary>The tables from the metalake down to <paramref name="kind"/>, in order.</summary>
    public static IReadOnlyList<EntityTable> Chain(EntityKind kind)
    {
        var chain = new List<EntityTable>();
        for (var current = kind; current != EntityKind.Root; current = EntityHierarchy.ParentKind(current))
        {
            chain.Add(For(current));
        }

        chain.Reverse();
        return chain;
    }
}
