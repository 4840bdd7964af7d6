using System.Collections.Immutable;
using OrleansCache.Naming;

namespace OrleansCache.Grains;

/// <summary>
/// One page of a container's children of one kind, sorted by name (ordinal).
/// </summary>
/// <remarks>
/// The continuation token is the last name on the page; the next page starts strictly after it.
/// Paging is stable under concurrent changes: a child that exists for the whole listing is returned
/// exactly once, and no child is returned twice; one created or dropped meanwhile may or may not be.
/// </remarks>
/// <param name="Children">The children on this page, at most the page size asked for.</param>
/// <param name="ContinuationToken">Pass it to get the next page; null when this is the last page.</param>
[GenerateSerializer, Immutable, Alias("oc.ChildPage")]
public sealed record ChildPage(
    [property: Id(0)] ImmutableArray<EntityKey> Children,
    [property: Id(1)] string? ContinuationToken)
{
    /// <summary>The largest page size a listing accepts.</summary>
    public const int MaxPageSize = 10_000;

    /// <summary>The page size used when none is given.</summary>
    public const int DefaultPageSize = 1_000;

    /// <summary>Checks a requested page size.</summary>
    /// <exception cref="Errors.InvalidEntityException"><paramref name="pageSize"/> is not between 1 and <see cref="MaxPageSize"/>; names <paramref name="container"/>.</exception>
    public static void CheckPageSize(EntityKey container, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(container);
        if (pageSize is < 1 or > MaxPageSize)
        {
            throw new Errors.InvalidEntityException(container.Identifier.ToString(), $"a page holds 1 to {MaxPageSize} children, not {pageSize}");
        }
    }
}
