using System.Collections.Immutable;
using OrleansCache.Naming;

namespace OrleansCache.Origins;

/// <summary>
/// A source of truth the cache fronts (origin mode): the cache reads through to it on a miss, lists
/// containers from it, and takes its committed changes from <see cref="ChangeFeed"/>. With an origin
/// the cache is read-only for clients; the origin's changes are its only writes.
/// </summary>
/// <remarks>
/// Positions are the origin's commit positions (for PostgreSQL, log sequence numbers): they only
/// grow, every change carries the position of its commit, and a read reports the position it was
/// taken at. They become entity versions, so versions keep growing across changes and restarts.
/// Implementations are thread-safe singletons.
/// </remarks>
public interface ICatalogOrigin
{
    /// <summary>A short name for the origin (its kind and where it is, without secrets): errors, logs and readiness name it.</summary>
    string Name { get; }

    /// <summary>The origin's feed of committed changes.</summary>
    IOriginChangeFeed ChangeFeed { get; }

    /// <summary>
    /// Reads one entity as the origin holds it now, or null when it does not exist there.
    /// </summary>
    /// <returns>
    /// The entity and the position the read started at: every change committed at or below
    /// <see cref="OriginEntity.Position"/> is reflected in it.
    /// </returns>
    /// <exception cref="Exception">Any failure to reach or read the origin; the cache reports it as <see cref="Errors.OriginUnavailableException"/>.</exception>
    Task<OriginEntity?> LoadAsync(EntityKey key, CancellationToken cancellationToken);

    /// <summary>
    /// The keys of the children of <paramref name="kind"/> that <paramref name="container"/> (or, for
    /// <see cref="EntityKey.Root"/>, the origin) holds now, sorted by name; null when the container
    /// does not exist.
    /// </summary>
    Task<ImmutableArray<EntityKey>?> ListChildrenAsync(EntityKey container, EntityKind kind, CancellationToken cancellationToken);

    /// <summary>Checks that the origin answers (readiness); throws when it does not.</summary>
    Task CheckAsync(CancellationToken cancellationToken);
}
