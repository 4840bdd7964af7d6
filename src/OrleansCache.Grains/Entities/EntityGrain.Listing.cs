using System.Collections.Immutable;
using OrleansCache.Entities;
using OrleansCache.Grains.Children;
using OrleansCache.Naming;

namespace OrleansCache.Grains.Entities;

/// <summary>Listing a container's children from the child index, and moving pre-index state into it.</summary>
internal sealed partial class EntityGrain
{
    /// <inheritdoc/>
    public async Task<ImmutableArray<EntityKey>> ListChildren(EntityKind kind)
    {
        if (_origin is not null)
        {
            return await ListThrough(kind);
        }

        var all = ImmutableArray.CreateBuilder<EntityKey>();
        string? after = null;
        do
        {
            var page = await ListChildrenPage(kind, ChildPage.MaxPageSize, after);
            all.AddRange(page.Children);
            after = page.ContinuationToken;
        }
        while (after is not null);
        return all.ToImmutable();
    }

    /// <inheritdoc/>
    public async Task<ChildPage> ListChildrenPage(EntityKind kind, int pageSize, string? continuationToken)
    {
        ChildPage.CheckPageSize(_key, pageSize);

        var after = string.IsNullOrEmpty(continuationToken) ? null : continuationToken;
        if (_origin is not null)
        {
            var held = await ListThrough(kind);
            return Paged(
                [.. held.Where(child => after is null || string.CompareOrdinal(child.Identifier.Name, after) > 0)
                    .OrderBy(child => child.Identifier.Name, StringComparer.Ordinal)
                    .Take(pageSize + 1)],
                pageSize);
        }

        if (!IsRoot && !HasRecord)
        {
            throw await NotFound();
        }

        // One more than asked: whether a next page exists is known without a second round trip.
        var children = await Indexed(_index.Page(_key, kind, after, pageSize + 1), "index read");
        return Paged(children, pageSize);
    }

    private static ChildPage Paged(IReadOnlyList<EntityKey> children, int pageSize)
    {
        // Not put through the shared string pool: a page is transient, and a schema's child names
        // are unique, so they would only fill the bounded pool that repeated strings need.
        var page = children.Take(pageSize).ToImmutableArray();
        return new ChildPage(page, children.Count > pageSize ? page[^1].Identifier.Name : null);
    }

    /// <summary>
    /// Moves children stored in the grain state by an earlier release into the index, then stores
    /// the state without them. The index first: a crash in between repeats an idempotent add.
    /// </summary>
    private async Task MigrateLegacyChildren()
    {
        await Indexed(_index.Add(_key, [.. _committed.Children]), "index write");
        await Indexed(_index.SetOrigin(_key, _committed.OriginChildren), "index write");
        await Commit(state => state with { Children = [], OriginChildren = state.OriginChildren.Clear() });
    }

    /// <summary>A drop a client asked before a crash goes on as soon as this activation can run it.</summary>
    private void ResumePendingDrop()
    {
        if (_committed.PendingDrop is not { Requested: true })
        {
            return;
        }

        this.RegisterGrainTimer(
            async _ =>
            {
                // It removes the record: it holds the client-write lane like every such operation.
                using var clientWrite = await _gate.EnterClientWriteAsync();
                if (_committed.PendingDrop is { } pending)
                {
                    await FinishDrop(pending);
                }
            },
            new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }
}
