namespace OrleansCache.LoadGenerator;

/// <summary>Managed heap size after full, compacting collections: the basis of the bytes-per-entry numbers.</summary>
internal static class HeapProbe
{
    public static long Settled()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>
    /// <see cref="Settled"/> once background work has drained: a write is acknowledged before its
    /// change event is published, so right after a burst of writes the silos still hold the queued
    /// publishes, which are not what an entity costs. Waits until two readings a second apart differ
    /// by less than <paramref name="tolerance"/> bytes, for at most <paramref name="limit"/>.
    /// </summary>
    public static Task<long> QuiescedAsync(long tolerance, TimeSpan limit) => QuiescedAsync(Settled, tolerance, limit);

    /// <summary>Waits until two readings of <paramref name="read"/> a second apart differ by less than <paramref name="tolerance"/>.</summary>
    public static async Task<long> QuiescedAsync(Func<long> read, long tolerance, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        var last = read();
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = read();
            if (Math.Abs(now - last) < tolerance)
            {
                return now;
            }

            last = now;
        }

        return last;
    }
}
