using OrleansCache.Grains.Diagnostics;
using OrleansCache.Naming;
using OrleansCache.Origins;

namespace OrleansCache.Grains.Origins;

/// <summary>
/// The cache side of the origin's change feed: each change goes to the container that indexes the
/// entity by origin id, which invalidates what the cache holds under the old and the new name and
/// announces it on the change streams. Returns only once all of it is durable.
/// </summary>
internal sealed class OriginChangeApplier(IGrainFactory grains, TimeProvider clock, int parallelism) : IOriginChangeSink
{
    public async Task ApplyAsync(OriginChangeBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await Parallel.ForEachAsync(
            batch.Changes,
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (change, _) => await grains.GetGrain<IOriginEntityGrain>(change.Container.ToGrainKey()).ApplyOriginChange(change, batch.Position));
        OriginMetrics.Applied(batch.CommittedAt, clock.GetUtcNow());
    }

    public async Task ReconcileAsync(long position, string reason, CancellationToken cancellationToken)
    {
        OriginMetrics.Reconciled();
        await grains.GetGrain<IOriginEntityGrain>(EntityKey.Root.ToGrainKey()).ForgetAll(position);
    }
}
