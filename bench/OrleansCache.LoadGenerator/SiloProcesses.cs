using System.Diagnostics;
using System.Globalization;
using OrleansCache.Testing;

namespace OrleansCache.LoadGenerator;

/// <summary>
/// The deployment shape the targets are measured in: the silo program (<c>silo/</c>, built Release)
/// as separate OS processes in Redis mode on free loopback ports, the clients in this process.
/// Readiness is the silo's own "OrleansCache silo ready" line (as the tests' Process tier awaits it).
/// The first silo also serves the REST API on <see cref="RestPort"/>.
/// </summary>
internal sealed class SiloProcesses : IAsyncDisposable
{
    private const string ReadyLine = "OrleansCache silo ready";
    private readonly List<(Process Process, TaskCompletionSource Ready, Queue<string> Tail)> _silos = [];

    private SiloProcesses(int restPort) => RestPort = restPort;

    /// <summary>The REST API's port on the first silo.</summary>
    public int RestPort { get; }

    /// <summary>Starts <paramref name="count"/> silo processes and waits until each reports ready.</summary>
    public static async Task<SiloProcesses> StartAsync(string redis, string serviceId, int count, TimeSpan pollPeriod)
    {
        var silos = new SiloProcesses(RedisServer.FreePort());
        for (var i = 0; i < count; i++)
        {
            var settings = LoopbackSilo.Settings(redis, serviceId, RedisServer.FreePort(), RedisServer.FreePort(), pollPeriod);
            settings["OrleansCache:Http:Port"] = RedisServer.FreePort().ToString(CultureInfo.InvariantCulture);
            if (i == 0)
            {
                settings["OrleansCache:Rest:Port"] = silos.RestPort.ToString(CultureInfo.InvariantCulture);
            }

            silos.Start(settings);
        }

        foreach (var (process, ready, tail) in silos._silos)
        {
            var first = await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(120)));
            if (first != ready.Task)
            {
                await silos.DisposeAsync();
                throw new InvalidOperationException($"silo process {process.Id} did not report ready (exited: {process.HasExited}):\n{string.Join('\n', tail)}");
            }
        }

        return silos;
    }

    /// <summary>Resident set size of all silo processes together, from /proc (bytes).</summary>
    public long ResidentBytes() => _silos.Sum(s => ProcStatusKib(s.Process.Id, "VmRSS:") * 1024);

    /// <summary>
    /// <see cref="ResidentBytes"/> once the silos' background work has drained: two readings a
    /// second apart within <paramref name="tolerance"/> bytes, for at most <paramref name="limit"/>.
    /// RSS, not the managed heap: with the silo's server GC it includes heap the GC has not returned.
    /// </summary>
    public Task<long> QuiescedResidentAsync(long tolerance, TimeSpan limit) => HeapProbe.QuiescedAsync(ResidentBytes, tolerance, limit);

    /// <summary>CPU time used so far by all silo processes together.</summary>
    public TimeSpan ProcessorTime()
    {
        var total = TimeSpan.Zero;
        foreach (var (process, _, _) in _silos)
        {
            process.Refresh();
            total += process.TotalProcessorTime;
        }

        return total;
    }

    private void Start(Dictionary<string, string?> settings)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(SiloAssembly());
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var process = new Process { StartInfo = start };
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tail = new Queue<string>();
        void Line(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > 40)
                {
                    tail.Dequeue();
                }
            }

            if (line.Contains(ReadyLine, StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        }

        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _silos.Add((process, ready, tail));
    }

    /// <summary>silo/bin/Release/net10.0/OrleansCache.Silo.dll above this program's folder; bench/run.sh builds it.</summary>
    private static string SiloAssembly()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "OrleansCache.sln")))
        {
            root = root.Parent;
        }

        var path = root is null ? null : Path.Combine(root.FullName, "silo", "bin", "Release", "net10.0", "OrleansCache.Silo.dll");
        return path is not null && File.Exists(path)
            ? path
            : throw new InvalidOperationException($"The silo is not built at {path}: dotnet build -c Release silo/OrleansCache.Silo.csproj");
    }

    private static long ProcStatusKib(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (process, _, _) in _silos)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }
    }
}
