using System.Text.Json;

namespace OrleansCache.LoadGenerator;

/// <summary>Reads BenchmarkDotNet's full JSON export of StoreHitBenchmarks: median ns and bytes allocated per method.</summary>
internal static class MicroResults
{
    public static Dictionary<string, (double MedianNs, double AllocatedBytes)> Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var results = new Dictionary<string, (double, double)>();
        foreach (var benchmark in document.RootElement.GetProperty("Benchmarks").EnumerateArray())
        {
            var method = benchmark.GetProperty("Method").GetString()!;
            var median = benchmark.GetProperty("Statistics").GetProperty("Median").GetDouble();
            var allocated = benchmark.TryGetProperty("Memory", out var memory)
                ? memory.GetProperty("BytesAllocatedPerOperation").GetDouble()
                : double.NaN;
            results[method] = (median, allocated);
        }

        return results;
    }
}
