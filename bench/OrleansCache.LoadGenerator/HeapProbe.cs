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
}
