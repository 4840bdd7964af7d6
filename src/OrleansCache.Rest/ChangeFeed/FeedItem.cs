using OrleansCache.Events;

namespace OrleansCache.Rest.ChangeFeed;

/// <summary>What the feed sends: a change, a reset (drop what you hold of the metalake), or the starting position.</summary>
internal abstract record FeedItem(ChangeLogPosition Position);

/// <summary>One change, in log order; its position is the event's own.</summary>
internal sealed record ChangeItem(EntityChanged Change) : FeedItem(new ChangeLogPosition(Change.Epoch, Change.Sequence));

/// <summary>
/// The reader cannot be told exactly what it missed (the log started a new epoch, lost the events
/// after the reader's position, or the reader sent an id this feed did not send): it must drop what it
/// holds of the metalake. Changes after <see cref="FeedItem.Position"/> follow.
/// </summary>
internal sealed record ResetItem(ChangeLogPosition Position, string Reason) : FeedItem(Position);

/// <summary>The feed is positioned; nothing was missed up to <see cref="FeedItem.Position"/>.</summary>
internal sealed record ReadyItem(ChangeLogPosition Position) : FeedItem(Position);
