using OrleansCache.Naming;

namespace OrleansCache.Grains.Entities;

/// <summary>What a container tells a child it accepted.</summary>
/// <param name="VersionFloor">The child's first version must be above this.</param>
/// <param name="AllowedChildKind">For a schema being registered with its catalog: the kind its children must have.</param>
[GenerateSerializer, Immutable, Alias("oc.ParentGrant")]
internal sealed record ParentGrant([property: Id(0)] long VersionFloor, [property: Id(1)] EntityKind? AllowedChildKind);
