using OrleansCache.Naming;

namespace OrleansCache.Entities;

/// <summary>A metalake's payload: comment and properties.</summary>
[GenerateSerializer, Immutable, Alias("oc.MetalakePayload")]
public sealed record MetalakePayload : EntityPayload
{
    /// <inheritdoc/>
    public override EntityKind Kind => EntityKind.Metalake;
}

/// <summary>A schema's payload: comment and properties.</summary>
[GenerateSerializer, Immutable, Alias("oc.SchemaPayload")]
public sealed record SchemaPayload : EntityPayload
{
    /// <inheritdoc/>
    public override EntityKind Kind => EntityKind.Schema;
}

/// <summary>A topic's payload: comment and properties (partitions, retention… as properties).</summary>
[GenerateSerializer, Immutable, Alias("oc.TopicPayload")]
public sealed record TopicPayload : EntityPayload
{
    /// <inheritdoc/>
    public override EntityKind Kind => EntityKind.Topic;
}

/// <summary>A model's payload: comment and properties. Its versions are child entities.</summary>
[GenerateSerializer, Immutable, Alias("oc.ModelPayload")]
public sealed record ModelPayload : EntityPayload
{
    /// <inheritdoc/>
    public override EntityKind Kind => EntityKind.Model;
}

/// <summary>A metalake-level tag: comment and properties.</summary>
[GenerateSerializer, Immutable, Alias("oc.TagPayload")]
public sealed record TagPayload : EntityPayload
{
    /// <inheritdoc/>
    public override EntityKind Kind => EntityKind.Tag;
}
