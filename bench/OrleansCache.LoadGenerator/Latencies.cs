namespace OrleansCache.LoadGenerator;

/// <summary>Latency samples of one operation type (in stopwatch ticks), and their percentiles.</summary>
internal sealed class Latencies
{
    private readonly List<long> _ticks = [];

    public int Count => _ticks.Count;

    public void Add(long ticks) => _ticks.Add(ticks);

    public void AddRange(Latencies other) => _ticks.AddRange(other._ticks);

    /// <summary>The q-quantile in microseconds (nearest rank), or NaN without samples.</summary>
    public double PercentileMicros(double q)
    {
        if (_ticks.Count == 0)
        {
            return double.NaN;
        }

        _ticks.Sort();
        var rank = (int)Math.Ceiling(q * _ticks.Count) - 1;
        return _ticks[Math.Clamp(rank, 0, _ticks.Count - 1)] * 1_000_000.0 / System.Diagnostics.Stopwatch.Frequency;
    }

    public double MaxMicros() => PercentileMicros(1.0);
}
