namespace OrleansCache.Origins;

/// <summary>
/// An origin's committed changes, in commit order, from a position the origin keeps durably (for
/// PostgreSQL, a replication slot). Exactly one consumer in the cluster runs it at a time.
/// </summary>
public interface IOriginChangeFeed
{
    /// <summary>
    /// Delivers every transaction committed after the feed's durable position to
    /// <paramref name="sink"/>, one <see cref="OriginChangeBatch"/> per transaction in commit order,
    /// until <paramref name="cancellationToken"/> is cancelled or the origin fails.
    /// </summary>
    /// <remarks>
    /// The feed moves its durable position past a batch only after <see cref="IOriginChangeSink.ApplyAsync"/>
    /// for it returned, so a crash anywhere replays instead of losing: a sink sees a batch at least
    /// once and must apply it idempotently. When the durable position is gone or cannot be trusted the
    /// feed calls <see cref="IOriginChangeSink.ReconcileAsync"/> before anything else.
    /// </remarks>
    /// <exception cref="Exception">The origin failed; the caller retries, and the feed resumes from its durable position.</exception>
    Task RunAsync(IOriginChangeSink sink, CancellationToken cancellationToken);
}

/// <summary>Where an origin's changes go: the cache side of <see cref="IOriginChangeFeed"/>.</summary>
public interface IOriginChangeSink
{
    /// <summary>Applies one committed transaction; returns once what it invalidates is durable.</summary>
    Task ApplyAsync(OriginChangeBatch batch, CancellationToken cancellationToken);

    /// <summary>
    /// The feed lost track of what changed before <paramref name="position"/> (its durable position
    /// was gone): drop everything the cache holds that came from the origin, so it is read again.
    /// </summary>
    Task ReconcileAsync(long position, string reason, CancellationToken cancellationToken);
}
