using Microsoft.Extensions.Logging;
using OrleansCache.Entities;
using OrleansCache.Errors;
using OrleansCache.Events;
using OrleansCache.Grains.Origins;
using OrleansCache.Naming;
using OrleansCache.Origins;

namespace OrleansCache.Grains.Entities;

/// <summary>
/// Origin mode, the container side: the index of the children this container holds by origin id,
/// and the origin changes of those children, applied here because the origin names them by id.
/// </summary>
internal sealed partial class EntityGrain
{
    /// <inheritdoc/>
    public async Task<bool> RegisterOriginChild(string originRef, EntityKey child, long position)
    {
        ArgumentNullException.ThrowIfNull(child);
        var track = Track;
        if (position < track.LastChildChange)
        {
            return false;
        }

        if (await Indexed(_index.FindOrigin(_key, originRef), "index read") is { } held)
        {
            if (held == child)
            {
                return true;
            }

            // The origin renamed the child and its change has not reached the cache yet: the old
            // name is stale already, and the container can index one name per origin id.
            await OriginGrain(held).Invalidate(position, subtree: true, ChangeKind.Renamed, child);
        }

        (track.PendingChildren ??= [])[originRef] = child.ShareStrings(StringPool.Shared);
        await CommitPendingChildren(track);
        return true;
    }

    /// <summary>
    /// Group commit of registrations: the first storage write section takes every registration
    /// pending by then into one index write; a registration returns once a write that held it is durable.
    /// </summary>
    private async Task CommitPendingChildren(OriginTrack track)
    {
        using (await _gate.EnterStorageWriteAsync())
        {
            if (track.PendingChildren is not { Count: > 0 } pending)
            {
                return;
            }

            track.PendingChildren = null;
            try
            {
                await Indexed(_index.SetOrigin(_key, pending), "index write");
            }
            catch
            {
                // Not durable: put them back, so the registrations still waiting write them.
                foreach (var (reference, child) in pending)
                {
                    (track.PendingChildren ??= []).TryAdd(reference, child);
                }

                throw;
            }
        }
    }

    /// <inheritdoc/>
    public async Task ApplyOriginChange(OriginChange change, long position)
    {
        ArgumentNullException.ThrowIfNull(change);
        var track = Track;
        track.LastChildChange = Math.Max(track.LastChildChange, position);
        var reference = OriginRefs.Child(change.Kind, change.OriginId);
        EntityKey? named = null;
        try
        {
            named = _key.Child(change.Kind, change.Name);
        }
        catch (InvalidNameException exception)
        {
            Log.UnnamableChange(_logger, exception, _key.ToGrainKey(), change.Name);
        }

        var held = await Indexed(_index.FindOrigin(_key, reference), "index read");
        var current = change.Exists ? named : null;
        if (held is not null && held != current)
        {
            await OriginGrain(held).Invalidate(position, subtree: true, current is null ? ChangeKind.Dropped : ChangeKind.Renamed, current);
            await InStorageLane(() => Indexed(_index.RemoveOrigin(_key, reference), "index write"));
        }

        if (current is not null)
        {
            ChangeKind? announce = held == current ? ChangeKind.Altered : held is null ? (change.Created ? ChangeKind.Created : ChangeKind.Altered) : null;
            await OriginGrain(current).Invalidate(position, subtree: held != current, announce, newKey: null);
        }
        else if (held is null && named is not null)
        {
            // Dropped while not held here: clients may still hold it (or something under its name).
            await OriginGrain(named).Invalidate(position, subtree: true, ChangeKind.Dropped, newKey: null);
        }
    }
}
