using OrleansCache.Errors;
using OrleansCache.Naming;

namespace OrleansCache.Entities;

/// <summary>What a catalog holds; decides which kind of object its schemas may contain.</summary>
public enum CatalogType
{
    /// <summary>Tables (Hive, Iceberg, JDBC…).</summary>
    Relational = 0,

    /// <summary>Filesets.</summary>
    Fileset = 1,

    /// <summary>Topics (Kafka…).</summary>
    Messaging = 2,

    /// <summary>Models and their versions.</summary>
    Model = 3,
}

/// <summary>A catalog's payload: its type, its provider, comment and properties.</summary>
[GenerateSerializer, Immutable, Alias("oc.CatalogPayload")]
public sealed record CatalogPayload : EntityPayload
{
    /// <inheritdoc/>
    public override EntityKind Kind => EntityKind.Catalog;

    /// <summary>What the catalog holds.</summary>
    [Id(0)]
    public required CatalogType Type { get; init; }

    /// <summary>The provider that serves it (for example <c>hive</c>, <c>lakehouse-iceberg</c>, <c>kafka</c>).</summary>
    [Id(1)]
    public required string Provider { get; init; }

    /// <summary>The kind of schema object this catalog's schemas hold.</summary>
    public EntityKind SchemaObjectKind => Type switch
    {
        CatalogType.Relational => EntityKind.Table,
        CatalogType.Fileset => EntityKind.Fileset,
        CatalogType.Messaging => EntityKind.Topic,
        CatalogType.Model => EntityKind.Model,
        _ => throw new InvalidOperationException($"Unknown catalog type {Type}."),
    };

    /// <inheritdoc/>
    public override void Validate(string identifier)
    {
        base.Validate(identifier);
        if (!Enum.IsDefined(Type))
        {
            throw new InvalidEntityException(identifier, $"catalog type {(int)Type} is not one of {string.Join(", ", Enum.GetNames<CatalogType>())}");
        }

        if (string.IsNullOrWhiteSpace(Provider))
        {
            throw new InvalidEntityException(identifier, "a catalog needs a provider");
        }
    }
}
