using System.Diagnostics.Metrics;

namespace OrleansCache.Diagnostics;

/// <summary>
/// Bucket boundaries for every duration histogram recorded in seconds. Without them the exporters'
/// defaults apply (0, 5, 10, 25 … 10,000: meant for milliseconds), which put every cache operation
/// in the first bucket and make any percentile of it meaningless.
/// </summary>
internal static class DurationBuckets
{
    /// <summary>100 us to 10 s, about three per decade: a near-cache miss to a storage timeout.</summary>
    public static InstrumentAdvice<double> Seconds { get; } = new()
    {
        HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };
}
