using Orleans.Runtime;
using OrleansCache.Naming;

namespace OrleansCache.Events;

/// <summary>
/// Where change events travel: one Orleans stream per metalake, in the namespace
/// <see cref="Namespace"/> of the stream provider <see cref="ProviderName"/>. A client subscribes to
/// the metalakes it caches.
/// </summary>
public static class ChangeStreams
{
    /// <summary>The stream provider name, configured on silos and clients.</summary>
    public const string ProviderName = "OrleansCache.Changes";

    /// <summary>The stream namespace.</summary>
    public const string Namespace = "oc.changes";

    /// <summary>The storage name Orleans streams keep their subscriptions in.</summary>
    public const string PubSubStorageName = "PubSubStore";

    /// <summary>The stream of the metalake <paramref name="key"/> belongs to.</summary>
    /// <exception cref="ArgumentException">The key is the root.</exception>
    public static StreamId For(EntityKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Kind == EntityKind.Root
            ? throw new ArgumentException("The root has no change stream.", nameof(key))
            : ForMetalake(key.Identifier.Levels[0]);
    }

    /// <summary>The stream of a metalake.</summary>
    public static StreamId ForMetalake(string metalake) => StreamId.Create(Namespace, metalake);
}
