using System.Globalization;
using OrleansCache.Naming;

namespace OrleansCache.Origin.Gravitino.Replication;

/// <summary>An entity as the origin identifies it: its kind and id (a model version: its model's id and number).</summary>
internal readonly record struct EntityRef(EntityKind Kind, long Id, int Version = 0)
{
    public string OriginId => Kind == EntityKind.ModelVersion
        ? Store.EntityReader.ModelVersionId(Id, Version)
        : Id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// What one replicated row says about the entity it belongs to: its name and whether it is deleted
/// when the row is the entity's own <c>*_meta</c> row, nothing more when it is one of its version or
/// detail rows (a model version has several URI rows: whether it still exists is read back).
/// </summary>
internal sealed record RowFacts(EntityRef Entity, string? Name, bool? Deleted, bool Created)
{
    /// <summary>
    /// Maps a row of a published table (column name to text value) to the entity it touches, or
    /// null for a table the cache does not follow.
    /// </summary>
    public static RowFacts? From(string table, IReadOnlyDictionary<string, string?> row, bool inserted)
    {
        long Id(string column) => long.Parse(row[column]!, CultureInfo.InvariantCulture);
        int Number(string column) => int.Parse(row[column]!, CultureInfo.InvariantCulture);
        bool IsDeleted() => row.TryGetValue("deleted_at", out var deleted) && deleted is not null and not "0";
        RowFacts Own(EntityKind kind, string id, string name) => new(new EntityRef(kind, Id(id)), row[name], IsDeleted(), inserted);
        RowFacts Detail(EntityKind kind, string id) => new(new EntityRef(kind, Id(id)), null, null, false);

        return table switch
        {
            "metalake_meta" => Own(EntityKind.Metalake, "metalake_id", "metalake_name"),
            "catalog_meta" => Own(EntityKind.Catalog, "catalog_id", "catalog_name"),
            "schema_meta" => Own(EntityKind.Schema, "schema_id", "schema_name"),
            "table_meta" => Own(EntityKind.Table, "table_id", "table_name"),
            "fileset_meta" => Own(EntityKind.Fileset, "fileset_id", "fileset_name"),
            "topic_meta" => Own(EntityKind.Topic, "topic_id", "topic_name"),
            "model_meta" => Own(EntityKind.Model, "model_id", "model_name"),
            "tag_meta" => Own(EntityKind.Tag, "tag_id", "tag_name"),
            "policy_meta" => Own(EntityKind.Policy, "policy_id", "policy_name"),
            "table_column_version_info" or "table_version_info" => Detail(EntityKind.Table, "table_id"),
            "fileset_version_info" => Detail(EntityKind.Fileset, "fileset_id"),
            "policy_version_info" => Detail(EntityKind.Policy, "policy_id"),
            "model_version_info" => new RowFacts(
                new EntityRef(EntityKind.ModelVersion, Id("model_id"), Number("version")), row["version"], null, inserted),
            "model_version_alias_rel" => new RowFacts(
                new EntityRef(EntityKind.ModelVersion, Id("model_id"), Number("model_version")), null, null, false),
            _ => null,
        };
    }
}
