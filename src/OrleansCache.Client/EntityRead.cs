using OrleansCache.Entities;

namespace OrleansCache.Client;

/// <summary>The outcome of a read: the record (null when the entity does not exist), and whether it is a fail-safe answer.</summary>
/// <param name="Record">The entity, or null when it does not exist.</param>
/// <param name="IsStale">
/// True when the cluster could not be reached and this is the last value this client knew, no
/// older than <c>FailSafeMaxAge</c> (fail-safe is opt-in).
/// </param>
/// <param name="Age">For a stale answer, how long ago this client last read or wrote it; otherwise zero.</param>
public sealed record EntityRead(EntityRecord? Record, bool IsStale, TimeSpan Age);
