using BenchmarkDotNet.Running;
using OrleansCache.Benchmarks;

// dotnet run -c Release --project bench/OrleansCache.Benchmarks -- hit-ratio
// dotnet run -c Release --project bench/OrleansCache.Benchmarks -- --filter '*StoreHit*' --job short
if (args.Length > 0 && args[0] == "hit-ratio")
{
    HitRatio.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(StoreHitBenchmarks).Assembly).Run(args);
