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
/// </remarks>
public interface IOrleansCacheClient
{
    /// <summary>Returns the entity.</summary>
    /// <exception cref="EntityNotFoundException">It does not exist (this answer may itself be cached briefly).</exception>
    ValueTask<EntityRecord> LoadAsync(EntityKey key, ReadConsistency consistency = ReadConsistency.Cached);

    /// <summary>Returns the entity, or null when it does not exist.</summary>
    ValueTask<EntityRecord?> FindAsync(EntityKey key, ReadConsistency consistency = ReadConsistency.Cached);

    /// <summary>True when the entity exists.</summary>
    ValueTask<bool> ExistsAsync(EntityKey key, ReadConsistency consistency = ReadConsistency.Cached);

    /// <summary>
    /// Reads the entity and says how fresh the answer is: with fail-safe on
    /// (<c>FailSafeMaxAge</c>), a cached read whose grain cannot be reached returns the last known
    /// value marked stale instead of failing.
    /// </summary>
    /// <exception cref="OrleansException">The cluster cannot be reached and there is no fail-safe answer.</exception>
    ValueTask<EntityRead> ReadAsync(EntityKey key, ReadConsistency consistency = ReadConsistency.Cached);

    /// <summary>Lists a container's children of one kind, sorted by name (always read from the grain).</summary>
    /// <exception cref="EntityNotFoundException">The container does not exist.</exception>
    Task<ImmutableArray<EntityKey>> ListAsync(EntityKey container, EntityKind kind);

    /// <summary>Creates an entity; see <see cref="IEntityGrain.Create"/> for the errors.</summary>
    Task<EntityRecord> CreateAsync(EntityKey key, EntityPayload payload, WriteOptions? options = null);

    /// <summary>Alters (or renames) an entity; see <see cref="IEntityGrain.Alter"/> for the errors.</summary>
    Task<EntityRecord> AlterAsync(EntityKey key, IEnumerable<EntityChange> changes, WriteOptions? options = null);

    /// <summary>Drops an entity; see <see cref="IEntityGrain.Drop"/> for the errors.</summary>
    /// <returns>True when it was dropped, false when it did not exist.</returns>
    Task<bool> DropAsync(EntityKey key, bool cascade = false, WriteOptions? options = null);

    /// <summary>
    /// Subscribes to the changes of the metalake <paramref name="key"/> is in, now (reads subscribe
    /// on demand); events are raised on <see cref="ChangeReceived"/>. Any key of the metalake will
    /// do, usually <c>EntityKey.Metalake(name)</c>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="key"/> is the root, which belongs to no metalake.</exception>
    Task WatchAsync(EntityKey key);

    /// <summary>Raised for every change event this client receives, after its near cache applied it.</summary>
    event EventHandler<EntityChanged>? ChangeReceived;

    /// <summary>How many entries the near cache holds.</summary>
    int CachedEntries { get; }
}
