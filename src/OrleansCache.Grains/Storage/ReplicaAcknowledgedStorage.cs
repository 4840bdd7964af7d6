using Orleans.Storage;
using StackExchange.Redis;

namespace OrleansCache.Grains.Storage;

/// <summary>
/// Redis grain storage whose writes count as done only once <c>replicas</c> replicas have them:
/// after each write or clear, Redis <c>WAIT</c> is sent to the master that owns the key, on the
/// connection that carried the write (WAIT covers the writes its own connection sent before it).
/// A write that reaches fewer replicas within the timeout fails; it is on the master but would not
/// survive that master's loss, so it is not acknowledged. Reads pass through.
/// </summary>
internal sealed class ReplicaAcknowledgedStorage(
    IGrainStorage inner,
    Func<IConnectionMultiplexer?> connection,
    string serviceId,
    int replicas,
    TimeSpan timeout) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await inner.WriteStateAsync(stateName, grainId, grainState);
        await WaitForReplicasAsync(stateName, grainId);
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await inner.ClearStateAsync(stateName, grainId, grainState);
        await WaitForReplicasAsync(stateName, grainId);
    }

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    private async Task WaitForReplicasAsync(string stateName, GrainId grainId)
    {
        var multiplexer = connection() ?? throw new InvalidOperationException("The grain storage's Redis connection is not open yet.");

        // The provider's default key format ({ServiceId}/state/{grainId}/{grainType}): WAIT must go to
        // the master that owns the key's hash slot.
        RedisKey key = $"{serviceId}/state/{grainId}/{stateName}";
        var server = multiplexer.GetServer(key);
        var acknowledged = (long)await server.ExecuteAsync("WAIT", replicas, (long)timeout.TotalMilliseconds);
        if (acknowledged < replicas)
        {
            throw new ReplicationShortfallException($"the write reached {acknowledged} of {replicas} replica(s) of {server.EndPoint} within {timeout.TotalMilliseconds:0} ms");
        }
    }
}

/// <summary>A write reached fewer replicas than required within the timeout (see <see cref="ReplicaAcknowledgedStorage"/>).</summary>
internal sealed class ReplicationShortfallException(string message) : Exception(message);
