using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OrleansCache.Naming;
using StackExchange.Redis;

namespace OrleansCache.LoadGenerator;

/// <summary>What a closed-loop run measured: per-request latencies and requests per second.</summary>
internal sealed record ThroughputResult(Latencies Samples, double PerSecond, int Errors);

/// <summary>
/// The REST API under load: HTTP GETs of cached tables at a fixed number of connections (each
/// connection one closed loop), beside raw Redis GETs of the same JSON body at the same concurrency;
/// and change delivery over the SSE feed.
/// </summary>
internal static class RestBench
{
    /// <summary>The API path of a table.</summary>
    public static string Path(EntityKey table)
    {
        var l = table.Identifier.Levels;
        return $"/api/metalakes/{l[0]}/catalogs/{l[1]}/schemas/{l[2]}/tables/{l[3]}";
    }

    public static HttpClient Client(int port, int connections) => new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseProxy = false })
    {
        BaseAddress = new Uri($"http://127.0.0.1:{port}"),
        DefaultRequestHeaders = { { "Accept", "application/vnd.gravitino.v1+json" } },
    };

    /// <summary>GETs of <paramref name="tables"/> (uniformly) from <paramref name="connections"/> loops for <paramref name="duration"/>.</summary>
    public static Task<ThroughputResult> GetAsync(HttpClient http, IReadOnlyList<string> tables, int connections, TimeSpan duration) =>
        ClosedLoopAsync(connections, duration, async random =>
        {
            using var response = await http.GetAsync(tables[random.Next(tables.Count)], HttpCompletionOption.ResponseContentRead);
            _ = await response.Content.ReadAsByteArrayAsync();
            return response.IsSuccessStatusCode;
        });

    /// <summary>Conditional GETs of the tables in <paramref name="tags"/>, each with its current tag: every answer should be a 304.</summary>
    public static Task<ThroughputResult> ConditionalGetAsync(HttpClient http, IReadOnlyDictionary<string, string> tags, int connections, TimeSpan duration)
    {
        var paths = tags.Keys.ToArray();
        return ClosedLoopAsync(connections, duration, async random =>
        {
            var path = paths[random.Next(paths.Length)];
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("If-None-Match", tags[path]);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            return response.StatusCode == System.Net.HttpStatusCode.NotModified;
        });
    }

    /// <summary>Raw Redis GETs of <paramref name="keys"/> from <paramref name="connections"/> concurrent loops on one multiplexer.</summary>
    public static Task<ThroughputResult> RedisGetAsync(IDatabase db, IReadOnlyList<string> keys, int connections, TimeSpan duration) =>
        ClosedLoopAsync(connections, duration, async random => ((byte[]?)await db.StringGetAsync(keys[random.Next(keys.Count)])) is not null);

    /// <summary>
    /// SSE change delivery: <paramref name="alter"/> changes a table, and the sample is the time from
    /// its acknowledgement to the feed's event for that version reaching a plain HTTP reader.
    /// </summary>
    public static async Task<PropagationResult> ChangeFeedAsync(HttpClient http, string metalake, Func<int, Task<(string Identifier, long Version)>> alter, int samples, TimeSpan timeout)
    {
        var arrivals = new ConcurrentDictionary<(string, long), TaskCompletionSource<long>>();
        using var stop = new CancellationTokenSource();
        using var response = await http.GetAsync($"/api/metalakes/{metalake}/changes", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = Task.Run(async () =>
        {
            using var lines = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
            while (await lines.ReadLineAsync(stop.Token) is { } line)
            {
                if (!line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    continue;
                }

                var at = Stopwatch.GetTimestamp();
                using var data = JsonDocument.Parse(line[6..]);
                if (!data.RootElement.TryGetProperty("version", out var version))
                {
                    ready.TrySetResult();
                    continue;
                }

                var key = (data.RootElement.GetProperty("identifier").GetString()!, version.GetInt64());
                arrivals.GetOrAdd(key, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(at);
            }
        });

        await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var result = new Latencies();
        var timedOut = 0;
        var random = new Random(11);
        for (var s = 0; s < samples; s++)
        {
            await Task.Delay(random.Next(2, 25));
            var (identifier, written) = await alter(s);
            var acknowledged = Stopwatch.GetTimestamp();
            var arrival = arrivals.GetOrAdd((identifier, written), _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
            try
            {
                var at = await arrival.Task.WaitAsync(timeout);
                result.Add(Math.Max(0, at - acknowledged));
            }
            catch (TimeoutException)
            {
                timedOut++;
            }
        }

        await stop.CancelAsync();
        try
        {
            await reader;
        }
        catch (Exception error) when (error is OperationCanceledException or IOException)
        {
            // The reader was stopped.
        }

        return new PropagationResult(result, timedOut);
    }

    private static async Task<ThroughputResult> ClosedLoopAsync(int loops, TimeSpan duration, Func<Random, Task<bool>> operation)
    {
        var all = new Latencies();
        var errors = 0;
        // A warm-up second (connections, JIT), then the measured run.
        foreach (var (length, measured) in new[] { (TimeSpan.FromSeconds(1), false), (duration, true) })
        {
            var end = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
            var started = Stopwatch.GetTimestamp();
            var perLoop = await Task.WhenAll(Enumerable.Range(0, loops).Select(loop => Task.Run(async () =>
            {
                var samples = new Latencies();
                var random = new Random(loop);
                var failed = 0;
                while (Stopwatch.GetTimestamp() < end)
                {
                    var start = Stopwatch.GetTimestamp();
                    var ok = await operation(random);
                    samples.Add(Stopwatch.GetTimestamp() - start);
                    failed += ok ? 0 : 1;
                }

                return (samples, failed);
            })));
            if (measured)
            {
                var elapsed = (Stopwatch.GetTimestamp() - started) / (double)Stopwatch.Frequency;
                foreach (var (samples, failed) in perLoop)
                {
                    all.AddRange(samples);
                    errors += failed;
                }

                return new ThroughputResult(all, all.Count / elapsed, errors);
            }
        }

        throw new UnreachableException();
    }

    public static string Describe(ThroughputResult r) => string.Create(CultureInfo.InvariantCulture,
        $"p50 {r.Samples.PercentileMicros(0.5):F0} us, p99 {r.Samples.PercentileMicros(0.99):F0} us, {r.PerSecond:F0}/s, errors {r.Errors}");
}
