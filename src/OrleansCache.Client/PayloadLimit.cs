using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using OrleansCache.Changes;
using OrleansCache.Client.Providers;
using OrleansCache.Entities;
using OrleansCache.Errors;
using OrleansCache.Naming;

namespace OrleansCache.Client;

/// <summary>
/// Refuses a write whose payload (or alter changes) is over <see cref="NearCacheOptions.MaxPayloadBytes"/>
/// before it is sent: a message that large would tie up the connection to the gateway, and the silo
/// refuses it anyway. Measured as the silo measures it, with the Orleans serializer.
/// </summary>
internal sealed class PayloadLimit(Serializer serializer, IOptions<NearCacheOptions> options)
{
    private readonly int _limit = options.Value.MaxPayloadBytes;

    /// <exception cref="PayloadTooLargeException">The payload is over the limit.</exception>
    public void Check(EntityKey key, EntityPayload? payload)
    {
        if (payload is not null)
        {
            Check(key, serializer.SerializeToArray(payload).Length);
        }
    }

    /// <exception cref="PayloadTooLargeException">The changes are over the limit.</exception>
    public void Check(EntityKey key, ImmutableArray<EntityChange> changes) =>
        Check(key, serializer.SerializeToArray(changes).Length);

    private void Check(EntityKey key, long size)
    {
        if (size > _limit)
        {
            throw new PayloadTooLargeException(key.Identifier.ToString(), size, _limit);
        }
    }
}
