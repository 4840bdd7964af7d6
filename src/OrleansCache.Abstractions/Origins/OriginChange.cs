using System.Collections.Immutable;
using OrleansCache.Naming;

namespace OrleansCache.Origins;

/// <summary>
/// One entity touched by a committed origin transaction, named by its container and the origin's
/// own id, because the origin keys its rows by id: a rename changes only the name, so the name the
/// cache holds the entity under is found from the id.
/// </summary>
/// <param name="Container">The entity's container as the origin names it now (<see cref="EntityKey.Root"/> for a metalake).</param>
/// <param name="Kind">The entity's kind.</param>
/// <param name="OriginId">The origin's id of the entity.</param>
/// <param name="Name">The entity's name as the changed row holds it (after a rename, the new name).</param>
/// <param name="Exists">False when the change dropped the entity (deleted, or soft-deleted as Gravitino does).</param>
/// <param name="Created">True when the transaction created the entity.</param>
[GenerateSerializer, Immutable, Alias("oc.OriginChange")]
public sealed record OriginChange(
    [property: Id(0)] EntityKey Container,
    [property: Id(1)] EntityKind Kind,
    [property: Id(2)] string OriginId,
    [property: Id(3)] string Name,
    [property: Id(4)] bool Exists,
    [property: Id(5)] bool Created);

/// <summary>The entities one committed origin transaction touched.</summary>
/// <param name="Position">The commit position of the transaction.</param>
/// <param name="CommittedAt">When it committed (origin clock).</param>
/// <param name="Changes">The entities touched, each once.</param>
public sealed record OriginChangeBatch(long Position, DateTimeOffset CommittedAt, ImmutableArray<OriginChange> Changes);
