using System.Collections.Immutable;
using OrleansCache.Changes;
using OrleansCache.Entities;
using OrleansCache.Errors;
using OrleansCache.Events;
using OrleansCache.Grains;
using OrleansCache.Naming;

namespace OrleansCache.Client;

/// <summary>
/// The catalog, as a service uses it: reads served from the in-process near cache when possible,
/// writes through the entity grains. Register it with
/// <see cref="Hosting.OrleansCacheClientBuilderExtensions.UseOrleansCache"/>.
/// </summary>
/// <remarks>
/// Guarantees: a read never returns an older version of an entity than this client already
/// returned; after a write returns, this client's reads see it (or something newer); a change made
/// through any other client is reflected here as soon as its event arrives, and in any case within
/// the entry's time-to-live. While the connection to the cluster is lost the near cache is emptied.
/// <para>
/// Errors: every method fails only with <see cref="OrleansCacheException"/> subtypes (plus
/// <see cref="ArgumentNullException"/> for a null argument). Those listed per method are answers
/// about the request; in addition every method that reaches the cluster can throw a
/// <see cref="CacheUnavailableException"/>, which says the cluster could not answer now and a retry
/// may succeed: <see cref="StorageUnavailableException"/> (Redis failed or stayed silent past the
/// silo's storage bound), <see cref="ClusterUnavailableException"/> (no silo took the call, for
/// example while the cluster re-forms after losing a silo) or <see cref="CacheTimeoutException"/>
/// (no answer within <c>ReadTimeout</c> / <c>WriteTimeout</c>). A write that fails with one of them
/// was not acknowledged and may or may not have taken effect. A near-cache hit never throws them.
/// </para>
/// </remarks>
public interface IOrleansCacheClient
{
    /// <summary>Returns the entity.</summary>
    /// <exception cref="EntityNotFoundException">It does not exist (this answer may itself be cached briefly).</exception>
    /// <exception cref="CacheUnavailableException">A miss could not be read from the cluster within <c>ReadTimeout</c>, and fail-safe had no answer.</exception>
    ValueTask<EntityRecord> LoadAsync(EntityKey key, ReadConsistency consistency = ReadConsistency.Cached);

    /// <summary>Returns the entity, or null when it does not exist.</summary>
    /// <exception cref="CacheUnavailableException">A miss could not be read from the cluster within <c>ReadTimeout</c>, and fail-safe had no answer.</exception>
    ValueTask<EntityRecord?> FindAsync(EntityKey key, ReadConsistency consistency = ReadConsistency.Cached);

    /// <summary>True when the entity exists.</summary>
    /// <exception cref="CacheUnavailableException">As <see cref="FindAsync"/>.</exception>
    ValueTask<bool> ExistsAsync(EntityKey key, ReadConsistency consistency = ReadConsistency.Cached);

    /// <summary>
    /// Reads the entity and says how fresh the answer is: with fail-safe on
    /// (<c>FailSafeMaxAge</c>), a cached read whose grain cannot be reached returns the last known
    /// value marked stale instead of failing.
    /// </summary>
    /// <exception cref="CacheUnavailableException">The cluster cannot answer within <c>ReadTimeout</c> and there is no fail-safe answer.</exception>
    ValueTask<EntityRead> ReadAsync(EntityKey key, ReadConsistency consistency = ReadConsistency.Cached);

    /// <summary>
    /// Lists all of a container's children of one kind, sorted by name (always read from the grain),
    /// in one answer. For containers that may be large use <see cref="ListPageAsync"/> or
    /// <see cref="ListAllAsync"/>, which hold one page at a time.
    /// </summary>
    /// <exception cref="EntityNotFoundException">The container does not exist.</exception>
    /// <exception cref="CacheUnavailableException">The cluster could not answer within <c>ReadTimeout</c>.</exception>
    Task<ImmutableArray<EntityKey>> ListAsync(EntityKey container, EntityKind kind);

    /// <summary>
    /// One page of a container's children of one kind, sorted by name: up to
    /// <paramref name="pageSize"/> (1 to <see cref="ChildPage.MaxPageSize"/>) named after
    /// <paramref name="continuationToken"/> (null for the first page; the previous page's
    /// <see cref="ChildPage.ContinuationToken"/> for the next). A child that exists for the whole
    /// listing is returned exactly once, whatever is created or dropped meanwhile.
    /// </summary>
    /// <exception cref="EntityNotFoundException">The container does not exist.</exception>
    /// <exception cref="InvalidEntityException"><paramref name="pageSize"/> is out of range; nothing is read.</exception>
    /// <exception cref="CacheUnavailableException">The cluster could not answer within <c>ReadTimeout</c>.</exception>
    Task<ChildPage> ListPageAsync(EntityKey container, EntityKind kind, int pageSize = ChildPage.DefaultPageSize, string? continuationToken = null);

    /// <summary>
    /// Every child of one kind, sorted by name, read a page of <paramref name="pageSize"/> at a time
    /// as the caller enumerates (see <see cref="ListPageAsync"/> for the guarantee and the errors).
    /// </summary>
    IAsyncEnumerable<EntityKey> ListAllAsync(EntityKey container, EntityKind kind, int pageSize = ChildPage.DefaultPageSize, CancellationToken cancellationToken = default);

    /// <summary>Creates an entity; see <see cref="IEntityGrain.Create"/> for the errors.</summary>
    /// <exception cref="PayloadTooLargeException">The payload is over <c>MaxPayloadBytes</c>; refused before it is sent.</exception>
    /// <exception cref="CacheUnavailableException">Not acknowledged within <c>WriteTimeout</c>, or storage or the cluster failed.</exception>
    Task<EntityRecord> CreateAsync(EntityKey key, EntityPayload payload, WriteOptions? options = null);

    /// <summary>Alters (or renames) an entity; see <see cref="IEntityGrain.Alter"/> for the errors.</summary>
    /// <exception cref="PayloadTooLargeException">The changes are over <c>MaxPayloadBytes</c>; refused before they are sent.</exception>
    /// <exception cref="CacheUnavailableException">Not acknowledged within <c>WriteTimeout</c>, or storage or the cluster failed.</exception>
    Task<EntityRecord> AlterAsync(EntityKey key, IEnumerable<EntityChange> changes, WriteOptions? options = null);

    /// <summary>Drops an entity; see <see cref="IEntityGrain.Drop"/> for the errors.</summary>
    /// <returns>True when it was dropped, false when it did not exist.</returns>
    /// <exception cref="CacheUnavailableException">Not acknowledged within <c>WriteTimeout</c>, or storage or the cluster failed.</exception>
    Task<bool> DropAsync(EntityKey key, bool cascade = false, WriteOptions? options = null);

    /// <summary>
    /// Subscribes to the changes of the metalake <paramref name="key"/> is in, now (reads subscribe
    /// on demand); events are raised on <see cref="ChangeReceived"/>. Any key of the metalake will
    /// do, usually <c>EntityKey.Metalake(name)</c>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="key"/> is the root, which belongs to no metalake.</exception>
    /// <exception cref="CacheUnavailableException">The subscription was not made within <c>WriteTimeout</c>.</exception>
    Task WatchAsync(EntityKey key);

    /// <summary>Raised for every change event this client receives, after its near cache applied it.</summary>
    event EventHandler<EntityChanged>? ChangeReceived;

    /// <summary>How many entries the near cache holds.</summary>
    int CachedEntries { get; }
}
