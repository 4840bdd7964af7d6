using System.Diagnostics;

namespace OrleansCache.Tests.Infrastructure;

/// <summary>Runs a built .NET program of this repository to its end, as a person runs it from a shell.</summary>
public static class ProgramRun
{
    /// <summary>Runs <paramref name="assembly"/> with <paramref name="arguments"/>; returns its exit code and everything it printed.</summary>
    /// <exception cref="TimeoutException">It did not end within two minutes.</exception>
    public static async Task<(int ExitCode, string Output)> RunAsync(string assembly, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await stdout + await stderr);
    }
}
