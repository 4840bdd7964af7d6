namespace OrleansCache.Streaming.Providers;

/// <summary>Options of an arrival-queue stream provider, named after the provider.</summary>
public sealed class ArrivalQueueOptions
{
    /// <summary>
    /// How long one read waits on an empty queue before it asks again. Batches are delivered on
    /// arrival whatever this is; it only sets how often an idle queue is asked (and must stay well
    /// under Orleans' response timeout). Default 10 s.
    /// </summary>
    public TimeSpan ReaderWait { get; set; } = TimeSpan.FromSeconds(10);
}
