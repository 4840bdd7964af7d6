using System.Diagnostics;
using ZiggyCreatures.Caching.Fusion;

namespace OrleansCache.LoadGenerator;

/// <summary>
/// The peers beside the miss path and the near-cache hit, measured in the same process and loop
/// as the OrleansCache figures they are compared with.
/// </summary>
internal static class PeerProbes
{
    /// <summary>
    /// FusionCache's L1-miss/L2-hit path: every read skips (and does not fill) the memory level, so it
    /// is a Redis GET plus the JSON deserialization of the same table, through FusionCache's own code.
    /// </summary>
    public static readonly FusionCacheEntryOptions L2Only = new()
    {
        Duration = TimeSpan.FromMinutes(10),
        SkipMemoryCacheRead = true,
        SkipMemoryCacheWrite = true,
    };

    public static async Task<FusionTable?> FusionL2GetAsync(FusionClient fusion, int index) =>
        await fusion.Cache.GetOrDefaultAsync<FusionTable>(FusionClient.Key(index), options: L2Only);

    /// <summary>
    /// A hit through a store's public read (<see cref="ICatalogStore.LoadAsync"/>) on a warmed key:
    /// the median of <paramref name="batches"/> batches of <paramref name="perBatch"/> calls (ns per
    /// call) and the bytes this thread allocated per call.
    /// </summary>
    public static async Task<(double MedianNs, double AllocatedBytes)> HitAsync(ICatalogStore store, int index, int batches = 41, int perBatch = 20_000)
    {
        for (var i = 0; i < perBatch; i++)
        {
            await store.LoadAsync(index);
        }

        var perCall = new List<double>(batches);
        long allocated = 0;
        for (var b = 0; b < batches; b++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < perBatch; i++)
            {
                await store.LoadAsync(index);
            }

            var elapsed = Stopwatch.GetElapsedTime(start);
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            perCall.Add(elapsed.TotalNanoseconds / perBatch);
        }

        perCall.Sort();
        return (perCall[batches / 2], allocated / (double)(batches * perBatch));
    }
}
