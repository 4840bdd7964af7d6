using OrleansCache.Entities;

namespace OrleansCache.Origins;

/// <summary>One entity as read from the origin.</summary>
/// <param name="Record">The entity; its version is <paramref name="Position"/>.</param>
/// <param name="OriginId">The origin's own id of the entity (stable across renames).</param>
/// <param name="Position">The origin position the read started at: every change committed at or below it is reflected.</param>
public sealed record OriginEntity(EntityRecord Record, string OriginId, long Position);
