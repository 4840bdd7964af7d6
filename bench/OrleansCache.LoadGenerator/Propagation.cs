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

    /// <summary>
    /// Propagation to every one of <paramref name="readers"/> (subscribed clients) while
    /// <paramref name="load"/> runs, sampling until it completes or <paramref name="samples"/> writes
    /// were made. One sample per reader per write; a reader that does not see the write within
    /// <paramref name="timeout"/> adds a sample of the timeout itself (it counts against the
    /// percentiles, it is not dropped) and is counted in <see cref="PropagationResult.TimedOut"/>.
    /// </summary>
    public static async Task<PropagationResult> UnderLoadAsync(ICatalogStore writer, IReadOnlyList<ICatalogStore> readers, int entities, int samples, TimeSpan timeout, Task load)
    {
        var random = new Random(11);
        var result = new Latencies();
        var timedOut = 0;
        var bound = timeout.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond;
        for (var s = 0; s < samples && !load.IsCompleted; s++)
        {
            var index = (entities / 2 + 7 + s * 37) % entities;
            foreach (var reader in readers)
            {
                await reader.LoadAsync(index);
                await reader.LoadAsync(index);
            }

            await Task.Delay(random.Next(2, 25));
            var written = await writer.AlterAsync(index);
            var acknowledged = Stopwatch.GetTimestamp();
            var waits = await Task.WhenAll(readers.Select(reader => Task.Run(async () =>
            {
                while (await reader.LoadAsync(index) < written)
                {
                    if (Stopwatch.GetTimestamp() - acknowledged > bound)
                    {
                        return (long?)null;
                    }

                    await Task.Yield();
                }

                return Stopwatch.GetTimestamp() - acknowledged;
            })));
            foreach (var wait in waits)
            {
                result.Add(wait ?? bound);
                timedOut += wait is null ? 1 : 0;
            }
        }

        return new PropagationResult(result, timedOut);
    }
}
