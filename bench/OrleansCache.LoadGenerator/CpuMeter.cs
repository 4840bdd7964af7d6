using System.Diagnostics;

namespace OrleansCache.LoadGenerator;

/// <summary>
/// CPU time of every process an operation touches: the silo processes (when silos run as
/// processes), this process (the clients of both systems, and the silos when they run here) and
/// redis-server. Divided by the operations run, it is the cost of one operation on the whole
/// deployment, far steadier on a shared machine than a throughput. Work in the background (timers,
/// reconciliation) is counted too; it is small beside a few thousand operations.
/// </summary>
internal sealed class CpuMeter(SiloProcesses? silos, int redisProcessId)
{
    /// <summary>CPU time so far of every process measured.</summary>
    public TimeSpan Total()
    {
        using var self = Process.GetCurrentProcess();
        using var redis = Process.GetProcessById(redisProcessId);
        return self.TotalProcessorTime + redis.TotalProcessorTime + (silos?.ProcessorTime() ?? TimeSpan.Zero);
    }

    /// <summary>Runs <paramref name="operations"/> operations and returns the CPU microseconds each cost.</summary>
    public async Task<double> MicrosPerOperationAsync(int operations, Func<Task> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var before = Total();
        await run();
        return Math.Round((Total() - before).TotalMicroseconds / operations, 1);
    }

    /// <summary>
    /// <paramref name="operations"/> calls of <paramref name="operation"/> (with the operation's
    /// number) on <paramref name="workers"/> workers; returns the CPU microseconds each cost.
    /// </summary>
    public Task<double> MicrosPerOperationAsync(int operations, int workers, Func<int, Task> operation) =>
        MicrosPerOperationAsync(operations, () => Parallel.ForEachAsync(
            Enumerable.Range(0, operations),
            new ParallelOptions { MaxDegreeOfParallelism = workers },
            async (i, _) => await operation(i)));
}
