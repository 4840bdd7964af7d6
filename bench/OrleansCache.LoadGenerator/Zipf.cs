namespace OrleansCache.LoadGenerator;

/// <summary>
/// Zipfian sampler over [0, n) (YCSB's default skew s = 0.99) by inverse transform on the
/// precomputed distribution. Ranks are scattered over the key space so hot keys are not neighbours.
/// One source for the load generator and the benchmarks (linked into OrleansCache.Benchmarks).
/// </summary>
internal sealed class Zipf
{
    private readonly double[] _cumulative;

    public Zipf(int n, double s = 0.99)
    {
        _cumulative = new double[n];
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            sum += 1.0 / Math.Pow(i + 1, s);
            _cumulative[i] = sum;
        }

        for (var i = 0; i < n; i++)
        {
            _cumulative[i] /= sum;
        }
    }

    /// <summary>A key index: a rank scattered over the key space.</summary>
    public int Next(Random random) => (int)((long)Rank(random) * 7919 % _cumulative.Length);

    /// <summary>A rank, 0 the most frequent (the hit-ratio benchmark uses ranks as they are).</summary>
    public int Rank(Random random)
    {
        var index = Array.BinarySearch(_cumulative, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, _cumulative.Length - 1);
    }
}
