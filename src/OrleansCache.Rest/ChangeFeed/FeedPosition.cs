using System.Globalization;
using OrleansCache.Events;

namespace OrleansCache.Rest.ChangeFeed;

/// <summary>
/// A reader's place in a metalake's change log, as the event id of the feed: <c>{epoch}-{sequence}</c>
/// (the epoch as 32 hex digits). A reader sends the last id it received back as <c>Last-Event-ID</c>.
/// </summary>
internal static class FeedPosition
{
    /// <summary>The event id of a position.</summary>
    public static string Format(Guid epoch, long sequence) => $"{epoch:N}-{sequence.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The event id of a log position.</summary>
    public static string Format(ChangeLogPosition position)
    {
        ArgumentNullException.ThrowIfNull(position);
        return Format(position.Epoch, position.Sequence);
    }

    /// <summary>Parses an event id; null when it is not one this feed sent.</summary>
    public static ChangeLogPosition? Parse(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        var dash = id.IndexOf('-', StringComparison.Ordinal);
        return dash == 32
            && Guid.TryParseExact(id.AsSpan(0, dash), "N", out var epoch)
            && long.TryParse(id.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
                ? new ChangeLogPosition(epoch, sequence)
                : null;
    }
}
