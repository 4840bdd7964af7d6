namespace OrleansCache.Naming;

/// <summary>
/// The kinds of catalog entity, following Apache Gravitino's hierarchy:
/// metalake &gt; catalog &gt; schema &gt; table / fileset / topic / model &gt; model version,
/// plus metalake-level tags and policies.
/// </summary>
/// <remarks>
/// The numeric values are part of the wire and storage format: never renumber, only append.
/// </remarks>
public enum EntityKind
{
    /// <summary>The hidden root that indexes every metalake. Not addressable by clients.</summary>
    Root = 0,

    /// <summary>A metalake: the top of a catalog hierarchy (<c>lake</c>).</summary>
    Metalake = 1,

    /// <summary>A catalog inside a metalake (<c>lake.catalog</c>).</summary>
    Catalog = 2,

    /// <summary>A schema inside a catalog (<c>lake.catalog.schema</c>).</summary>
    Schema = 3,

    /// <summary>A table inside a schema of a relational catalog (<c>lake.catalog.schema.table</c>).</summary>
    Table = 4,

    /// <summary>A fileset inside a schema of a fileset catalog.</summary>
    Fileset = 5,

    /// <summary>A topic inside a schema of a messaging catalog.</summary>
    Topic = 6,

    /// <summary>A model inside a schema of a model catalog; the container of its versions.</summary>
    Model = 7,

    /// <summary>A numbered version of a model (<c>lake.catalog.schema.model.3</c>).</summary>
    ModelVersion = 8,

    /// <summary>A metalake-level tag (<c>lake.tag</c>).</summary>
    Tag = 9,

    /// <summary>A metalake-level policy (<c>lake.policy</c>).</summary>
    Policy = 10,
}
