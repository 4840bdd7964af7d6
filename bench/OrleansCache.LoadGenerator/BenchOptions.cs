using System.Globalization;

namespace OrleansCache.LoadGenerator;

/// <summary>Command-line settings; <c>--quick</c> picks the short defaults, later flags override.</summary>
internal sealed record BenchOptions
{
    public bool Quick { get; init; }

    public int Entities { get; init; } = 1_000_000;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    public int Workers { get; init; } = 32;

    public int PropagationSamples { get; init; } = 500;

    public int MissSamples { get; init; } = 5000;

    public int ClientEntries { get; init; } = 100_000;

    public TimeSpan PollPeriod { get; init; } = TimeSpan.FromMilliseconds(20);

    public int Silos { get; init; } = 2;

    /// <summary>Run the silos as this many separate silo-program processes (the deployment shape) instead of in this process.</summary>
    public int SiloProcesses { get; init; }

    public string? MicroJson { get; init; }

    public string Output { get; init; } = "bench/results/latest.json";

    /// <summary>Stop after the silo memory step (step 1): no latency or throughput workloads run.</summary>
    public bool MemoryOnly { get; init; }

    /// <summary>
    /// Stop after the client near-cache step (step 3): silo memory, the miss path beside a raw Redis
    /// GET, and client bytes per near-cache entry, in one short run.
    /// </summary>
    public bool MissMemory { get; init; }

    /// <summary>Populate, then measure only the REST API (step 6): no miss-path, YCSB, propagation or FusionCache steps.</summary>
    public bool RestOnly { get; init; }

    /// <summary>
    /// Wait this long at both heap probes of step 1 (printing the process id), so a heap dump
    /// (<c>dotnet-gcdump collect -p PID</c>) can be taken before and after populating.
    /// </summary>
    public TimeSpan PauseForDump { get; init; }

    /// <summary>Populate, then run only YCSB-B and A on both systems, with the silos' per-stage write timings.</summary>
    public bool WritesOnly { get; init; }

    /// <summary>
    /// Populate, then only the miss path and the CPU per miss, alter and create of both systems:
    /// about a minute, for a before/after of a change on one path.
    /// </summary>
    public bool CpuOnly { get; init; }

    /// <summary>Run only the origin-mode measures (PostgreSQL with Gravitino's schema in front of the silos).</summary>
    public bool OriginOnly { get; init; }

    /// <summary>Tables the origin run reads through cold: 100,000 (the figure), 10,000 with --quick.</summary>
    public int OriginTables => OriginTableCount ?? (Quick ? 10_000 : 100_000);

    /// <summary>Tables for the origin run when set (<c>--origin-tables</c>).</summary>
    public int? OriginTableCount { get; init; }

    /// <summary>Only the create rate per band of children in one big schema (after step 1).</summary>
    public bool ContainerOnly { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var options = args.Contains("--quick")
            ? new BenchOptions
            {
                Quick = true,
                Entities = 100_000,
                Duration = TimeSpan.FromSeconds(8),
                Workers = 16,
                PropagationSamples = 200,
                MissSamples = 2000,
                ClientEntries = 20_000,
            }
            : new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--quick" => options,
                "--entities" => options with { Entities = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--workers" => options with { Workers = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--samples" => options with { PropagationSamples = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--poll-ms" => options with { PollPeriod = TimeSpan.FromMilliseconds(double.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--silo-processes" => int.Parse(Value(), CultureInfo.InvariantCulture) is var n ? options with { SiloProcesses = n, Silos = n } : options,
                "--silos" => options with { Silos = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--micro" => options with { MicroJson = Value() },
                "--out" => options with { Output = Value() },
                "--memory-only" => options with { MemoryOnly = true },
                "--miss-memory" => options with { MissMemory = true },
                "--rest-only" => options with { RestOnly = true },
                "--writes-only" => options with { WritesOnly = true },
                "--cpu-only" => options with { CpuOnly = true },
                "--origin-only" => options with { OriginOnly = true },
                "--container-only" => options with { ContainerOnly = true },
                "--origin-tables" => options with { OriginTableCount = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--pause-for-dump" => options with { PauseForDump = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)) },
                _ => throw new ArgumentException($"unknown argument {args[i]}"),
            };
        }

        return options;
    }
}
