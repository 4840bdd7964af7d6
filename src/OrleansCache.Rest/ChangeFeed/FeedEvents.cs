using System.Buffers;
using System.Text;
using System.Text.Json;
using OrleansCache.Naming;
using OrleansCache.Rest.Api;

namespace OrleansCache.Rest.ChangeFeed;

/// <summary>
/// The text of one Server-Sent Event: <c>id:</c> (the log position), <c>event:</c> (<c>change</c>,
/// <c>reset</c> or <c>ready</c>) and one <c>data:</c> line of JSON.
/// </summary>
/// <remarks>
/// A change's data: <c>{"change":"altered","kind":"table","identifier":"lake.c.s.t","version":7,
/// "subtree":false,"actor":"alice","at":"…"}</c>; <c>newIdentifier</c> is there for a rename only,
/// and <c>subtree</c> is true when a container's drop or rename reaches everything under it. A member
/// without a value is left out, never null, as Gravitino's server writes (<see cref="GravitinoJsonRules"/>).
/// </remarks>
internal static class FeedEvents
{
    /// <summary>Appends the event for <paramref name="item"/> to <paramref name="buffer"/>.</summary>
    public static void Write(IBufferWriter<byte> buffer, string metalake, FeedItem item)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentNullException.ThrowIfNull(item);
        var name = item switch
        {
            ChangeItem => "change",
            ResetItem => "reset",
            _ => "ready",
        };
        Diagnostics.RestMetrics.FeedEvent(name);
        Append(buffer, $"id: {FeedPosition.Format(item.Position)}\nevent: {name}\ndata: ");
        using (var writer = new Utf8JsonWriter(buffer, GravitinoMedia.Writer))
        {
            writer.WriteStartObject();
            switch (item)
            {
                case ChangeItem { Change: var change }:
                    writer.WriteString("change", change.Change.ToString().ToLowerInvariant());
                    writer.WriteString("kind", EntityKindTokens.ToToken(change.Key.Kind));
                    writer.WriteString("identifier", change.Key.Identifier.ToString());
                    writer.WriteNumber("version", change.Version);
                    writer.WriteStringUnlessNull("newIdentifier", change.NewKey?.Identifier.ToString());
                    writer.WriteBoolean("subtree", change.AffectsSubtree);
                    writer.WriteStringUnlessNull("actor", change.Actor);
                    writer.WriteString("at", EntityJson.Instant(change.At));
                    break;
                case ResetItem reset:
                    writer.WriteString("metalake", metalake);
                    writer.WriteString("reason", reset.Reason);
                    break;
                default:
                    writer.WriteString("metalake", metalake);
                    break;
            }

            writer.WriteEndObject();
        }

        Append(buffer, "\n\n");
    }

    private static void Append(IBufferWriter<byte> buffer, string text)
    {
        var span = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        var written = Encoding.UTF8.GetBytes(text, span);
        buffer.Advance(written);
    }
}
