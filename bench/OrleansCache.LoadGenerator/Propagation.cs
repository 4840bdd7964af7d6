using System.Diagnostics;

namespace OrleansCache.LoadGenerator;

/// <summary>What the invalidation-propagation probe measured.</summary>
internal sealed record PropagationResult(Latencies Samples, int TimedOut);

/// <summary>
/// Invalidation propagation: client A alters an entity that client B holds in its near cache (or
/// L1); the sample is the time from A's write being acknowledged to the first read on B that no
/// longer returns the older version. B is polled in a tight loop, each sample bounded by a timeout.
/// </summary>
internal static class Propagation
{
    public static async Task<PropagationResult> MeasureAsync(ICatalogStore writer, ICatalogStore reader, int entities, int samples, TimeSpan timeout)
    {
        var random = new Random(7);
        var result = new Latencies();
        var timedOut = 0;
        var bound = timeout.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond;
        for (var s = 0; s < samples; s++)
        {
            // Keys outside the hottest ranks, each used once, so B holds exactly what it read below.
            var index = (entities / 2 + s * 31) % entities;
            await reader.LoadAsync(index);
            await reader.LoadAsync(index);

            // Decorrelate the write from the stream pulling agents' timer phase.
            await Task.Delay(random.Next(2, 25));
            var written = await writer.AlterAsync(index);
            var acknowledged = Stopwatch.GetTimestamp();
            while (true)
            {
                if (await reader.LoadAsync(index) >= written)
                {
                    result.Add(Stopwatch.GetTimestamp() - acknowledged);
                    break;
                }

                if (Stopwatch.GetTimestamp() - acknowledged > bound)
                {
                    timedOut++;
                    break;
                }

                await Task.Yield();
            }
        }

        return new PropagationResult(result, timedOut);
    }
}
