using System.Diagnostics;
using System.Text;

namespace OrleansCache.Tests.Infrastructure;

/// <summary>The real silo program (silo/), started as its own process with command-line settings.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiloProcess(Process process, int httpPort)
    {
        _process = process;
        HttpPort = httpPort;
    }

    /// <summary>The silo's HTTP port (health, metrics): a free one unless the arguments set it.</summary>
    public int HttpPort { get; }

    /// <summary>An address on the silo's HTTP port, for example <c>/health/ready</c>.</summary>
    public Uri Http(string path) => new($"http://127.0.0.1:{HttpPort}{path}");

    /// <summary>Everything the process printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The process.</summary>
    public Process Process => _process;

    /// <summary>
    /// Starts the silo with the given command-line arguments, on free silo, gateway and HTTP ports
    /// unless they name them: a test never depends on the default ports being free on the machine.
    /// </summary>
    public static SiloProcess Start(params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        foreach (var portSetting in new[] { "--OrleansCache:SiloPort=", "--OrleansCache:GatewayPort=" })
        {
            if (!arguments.Any(a => a.StartsWith(portSetting, StringComparison.Ordinal)))
            {
                arguments = [.. arguments, $"{portSetting}{RedisServer.FreePort()}"];
            }
        }

        const string httpSetting = "--OrleansCache:Http:Port=";
        var given = arguments.FirstOrDefault(a => a.StartsWith(httpSetting, StringComparison.Ordinal));
        var httpPort = given is null ? RedisServer.FreePort() : int.Parse(given[httpSetting.Length..], System.Globalization.CultureInfo.InvariantCulture);
        if (given is null)
        {
            arguments = [.. arguments, $"{httpSetting}{httpPort}"];
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(SiloAssemblyPath());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var silo = new SiloProcess(process, httpPort);
        process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Waits until the silo logs that it is ready.</summary>
    /// <exception cref="TimeoutException">It did not get ready in time; the message has its output.</exception>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(_ready.Task, exited, Task.Delay(timeout));
        if (first != _ready.Task)
        {
            throw new TimeoutException($"The silo did not report ready (exited: {_process.HasExited}). Output:\n{Output}");
        }
    }

    /// <summary>Sends SIGTERM, as Kubernetes does to stop a pod.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} exited with {kill.ExitCode}.");
        }
    }

    /// <summary>The built silo program, next to the built tests (same configuration).</summary>
    public static string SiloAssemblyPath()
    {
        var testsBin = AppContext.BaseDirectory;
        var configuration = new DirectoryInfo(testsBin).Parent!.Name;
        var root = new DirectoryInfo(testsBin);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "OrleansCache.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException($"OrleansCache.sln was not found above {testsBin}.");
        }

        var path = Path.Combine(root.FullName, "silo", "bin", configuration, "net10.0", "OrleansCache.Silo.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"The silo is not built at {path}; build the solution first.");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.Contains("OrleansCache silo ready", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
