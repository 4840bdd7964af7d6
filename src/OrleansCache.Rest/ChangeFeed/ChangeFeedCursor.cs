using OrleansCache.Events;
using OrleansCache.Grains;

namespace OrleansCache.Rest.ChangeFeed;

/// <summary>
/// One feed reader's position in a metalake's change log, with the rules the .NET client's
/// <c>MetalakeScope</c> applies: events are sent in sequence order, each once; a gap is repaired from
/// the log; a new epoch, or a gap the log no longer holds, becomes a <see cref="ResetItem"/>. Periodic
/// <see cref="ReconcileAsync"/> compares with the log's head, so an event lost on the stream is still
/// sent when nothing follows it.
/// </summary>
/// <remarks>Not thread-safe: one feed loop calls it.</remarks>
internal sealed class ChangeFeedCursor(IChangeLogGrain log)
{
    internal const string NewEpoch = "new-epoch";
    internal const string Unrepairable = "events-no-longer-in-log";
    internal const string UnknownPosition = "unknown-last-event-id";

    private ChangeLogPosition _position = new(Guid.Empty, 0);

    /// <summary>Where the reader stands after what was returned so far.</summary>
    public ChangeLogPosition Position => _position;

    /// <summary>
    /// Positions the cursor: at the log's head for a new reader; for a reader resuming with
    /// <paramref name="lastEventId"/>, the changes it missed followed by its position, or a reset.
    /// </summary>
    public async Task<IReadOnlyList<FeedItem>> StartAsync(string? lastEventId)
    {
        var head = await log.GetHead();
        if (lastEventId is null)
        {
            _position = head;
            return [new ReadyItem(head)];
        }

        if (FeedPosition.Parse(lastEventId) is not { } resumed)
        {
            _position = head;
            return [new ResetItem(head, UnknownPosition), new ReadyItem(head)];
        }

        _position = resumed;
        var items = await RepairAsync();
        return [.. items, new ReadyItem(_position)];
    }

    /// <summary>What to send for an event received on the metalake's stream (nothing for one already sent).</summary>
    public async Task<IReadOnlyList<FeedItem>> OnEventAsync(EntityChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Epoch != _position.Epoch)
        {
            // The log lost its history: what came before this event in the new epoch cannot be listed.
            _position = new ChangeLogPosition(change.Epoch, change.Sequence);
            return [new ResetItem(new ChangeLogPosition(change.Epoch, change.Sequence - 1), NewEpoch), new ChangeItem(change)];
        }

        if (change.Sequence <= _position.Sequence)
        {
            return [];
        }

        if (change.Sequence == _position.Sequence + 1)
        {
            _position = new ChangeLogPosition(change.Epoch, change.Sequence);
            return [new ChangeItem(change)];
        }

        var repaired = await RepairAsync();
        if (change.Epoch == _position.Epoch && change.Sequence == _position.Sequence + 1)
        {
            _position = new ChangeLogPosition(change.Epoch, change.Sequence);
            return [.. repaired, new ChangeItem(change)];
        }

        return repaired;
    }

    /// <summary>Compares with the log's head and returns what the reader missed, if anything.</summary>
    public async Task<IReadOnlyList<FeedItem>> ReconcileAsync()
    {
        var head = await log.GetHead();
        if (head.Epoch == _position.Epoch && head.Sequence <= _position.Sequence)
        {
            return [];
        }

        return await RepairAsync();
    }

    private async Task<IReadOnlyList<FeedItem>> RepairAsync()
    {
        var slice = await log.GetSince(_position.Epoch, _position.Sequence);
        if (!slice.Complete)
        {
            var reason = slice.Head.Epoch != _position.Epoch ? NewEpoch : Unrepairable;
            _position = slice.Head;
            return [new ResetItem(slice.Head, reason)];
        }

        var items = new List<FeedItem>(slice.Events.Length);
        foreach (var change in slice.Events)
        {
            items.Add(new ChangeItem(change));
            _position = new ChangeLogPosition(change.Epoch, change.Sequence);
        }

        return items;
    }
}
