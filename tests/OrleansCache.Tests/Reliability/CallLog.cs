using System.Collections.Concurrent;
using System.Diagnostics;

namespace OrleansCache.Tests.Reliability;

/// <summary>Every call a fault test made: when it started and ended on one clock, and how it failed.</summary>
public sealed class CallLog
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<Attempt> _calls = new();

    /// <summary>One call: start and end (seconds on the log's clock), and the failure's type, if any.</summary>
    public sealed record Attempt(string Kind, double Start, double End, Exception? Failure)
    {
        public double Duration => End - Start;
    }

    /// <summary>Now, on the log's clock.</summary>
    public double Now => _clock.Elapsed.TotalSeconds;

    /// <summary>Runs and records one call; a failure is recorded, not thrown.</summary>
    public async Task<bool> RunAsync(string kind, Func<Task> call)
    {
        var start = Now;
        try
        {
            await call();
            _calls.Enqueue(new Attempt(kind, start, Now, null));
            return true;
        }
#pragma warning disable CA1031 // Every failure is the observation: the test asserts on their types.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _calls.Enqueue(new Attempt(kind, start, Now, exception));
            return false;
        }
    }

    /// <summary>The calls of one kind.</summary>
    public IReadOnlyList<Attempt> Of(string kind) => [.. _calls.Where(call => call.Kind == kind)];

    /// <summary>The failures' types, counted, for a report line.</summary>
    public static string Describe(IEnumerable<Attempt> calls) =>
        string.Join(", ", calls.Where(c => c.Failure is not null).GroupBy(c => c.Failure!.GetType().Name).Select(g => $"{g.Key} x{g.Count()}"));
}
