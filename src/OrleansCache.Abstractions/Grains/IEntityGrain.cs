using Orleans.Concurrency;
using System.Collections.Immutable;
using OrleansCache.Changes;
using OrleansCache.Entities;
using OrleansCache.Errors;
using OrleansCache.Naming;

namespace OrleansCache.Grains;

/// <summary>
/// One catalog entity: the single writer for its key and the silo-memory copy of its state. The
/// grain's primary key is <see cref="EntityKey.ToGrainKey"/>; get one with
/// <see cref="EntityGrainFactoryExtensions.GetEntityGrain"/>.
/// </summary>
/// <remarks>
/// Writes to one entity are serialized and each acknowledged write has a higher version than the
/// last; a write is acknowledged only after it is durable in grain storage. Reads are served from
/// memory, never block behind a write in progress, and only ever return durable state.
/// </remarks>
[Alias("oc.IEntityGrain")]
public interface IEntityGrain : IGrainWithStringKey
{
    /// <summary>Creates the entity under its existing parent.</summary>
    /// <returns>The stored record, with its first version.</returns>
    /// <exception cref="EntityAlreadyExistsException">The entity exists.</exception>
    /// <exception cref="EntityNotFoundException">The parent (or a level above it) does not exist or is being dropped.</exception>
    /// <exception cref="InvalidEntityException">The payload is of another kind, breaks a payload rule, or the catalog does not hold this kind.</exception>
    /// <exception cref="PayloadTooLargeException">The serialized payload is over the limit.</exception>
    [Alias("create")]
    Task<EntityRecord> Create(EntityPayload payload, WriteOptions options);

    /// <summary>Returns the entity's latest acknowledged record.</summary>
    /// <exception cref="EntityNotFoundException">It does not exist; the error names the highest missing level.</exception>
    [AlwaysInterleave, Alias("load")]
    Task<EntityRecord> Load();

    /// <summary>
    /// <see cref="Load"/>, with the record as the serialized bytes the grain holds: the silo neither
    /// deserializes nor re-serializes it, and the caller deserializes it once (a client's miss).
    /// </summary>
    /// <exception cref="EntityNotFoundException">It does not exist; the error names the highest missing level.</exception>
    [AlwaysInterleave, Alias("load-bytes")]
    Task<RecordBytes> LoadBytes();

    /// <summary>Returns the entity's latest acknowledged record, or null when it does not exist.</summary>
    [AlwaysInterleave, Alias("find")]
    Task<EntityRecord?> Find();

    /// <summary>True when the entity exists.</summary>
    [AlwaysInterleave, Alias("exists")]
    Task<bool> Exists();

    /// <summary>
    /// Applies <paramref name="changes"/> in order, all or nothing. A <see cref="RenameEntity"/> moves
    /// the entity (and, for a container, its whole subtree) to the new name in the same namespace:
    /// after it returns, the old name does not exist and the returned record carries the new key.
    /// </summary>
    /// <exception cref="EntityNotFoundException">The entity does not exist.</exception>
    /// <exception cref="EntityAlreadyExistsException">A rename's target name is taken.</exception>
    /// <exception cref="ConcurrentUpdateException">The expected version did not match.</exception>
    /// <exception cref="InvalidEntityException">A change does not fit this entity, or the kind cannot be renamed.</exception>
    /// <exception cref="InvalidNameException">A rename's new name breaks the naming rule.</exception>
    /// <exception cref="PayloadTooLargeException">The resulting payload is over the limit.</exception>
    [Alias("alter")]
    Task<EntityRecord> Alter(ImmutableArray<EntityChange> changes, WriteOptions options);

    /// <summary>
    /// Drops the entity. A container with children needs <paramref name="cascade"/>, which drops every
    /// descendant first; once this returns, neither the entity nor any descendant exists and their
    /// state is gone from storage.
    /// </summary>
    /// <returns>True when it was dropped, false when it did not exist.</returns>
    /// <exception cref="NonEmptyContainerException">It has children and <paramref name="cascade"/> is false.</exception>
    /// <exception cref="ConcurrentUpdateException">The expected version did not match.</exception>
    [Alias("drop")]
    Task<bool> Drop(bool cascade, WriteOptions options);

    /// <summary>
    /// The keys of all of this container's children of <paramref name="kind"/>, sorted by name: every
    /// page of <see cref="ListChildrenPage"/> in one answer. For containers that may be large, page.
    /// </summary>
    /// <exception cref="EntityNotFoundException">The container does not exist.</exception>
    [AlwaysInterleave, Alias("list")]
    Task<ImmutableArray<EntityKey>> ListChildren(EntityKind kind);

    /// <summary>
    /// One page of this container's children of <paramref name="kind"/>, sorted by name: up to
    /// <paramref name="pageSize"/> children named strictly after <paramref name="continuationToken"/>
    /// (null for the first page). See <see cref="ChildPage"/> for the stability guarantee.
    /// </summary>
    /// <exception cref="EntityNotFoundException">The container does not exist.</exception>
    /// <exception cref="InvalidEntityException"><paramref name="pageSize"/> is not between 1 and <see cref="ChildPage.MaxPageSize"/>.</exception>
    [AlwaysInterleave, Alias("list-page")]
    Task<ChildPage> ListChildrenPage(EntityKind kind, int pageSize, string? continuationToken);
}
