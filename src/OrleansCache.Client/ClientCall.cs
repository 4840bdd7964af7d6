using System.Diagnostics;
using System.Net.Sockets;
using OrleansCache.Errors;
using OrleansCache.Naming;

namespace OrleansCache.Client;

/// <summary>
/// One grain call as the client's caller sees it: bounded in time, and failing only with
/// OrleansCache's own errors. Orleans' transport exceptions (a silo lost, a message rejected, a
/// gateway gone) become <see cref="ClusterUnavailableException"/>, and a call that outlives its
/// bound becomes <see cref="CacheTimeoutException"/>; the call itself is abandoned, not cancelled.
/// </summary>
internal static class ClientCall
{
    /// <summary>Awaits <paramref name="call"/> for at most <paramref name="timeout"/>.</summary>
    /// <exception cref="CacheUnavailableException">The cluster could not answer, or not in time.</exception>
    public static Task<T> Bounded<T>(Task<T> call, TimeSpan timeout, EntityKey key) => Bounded(call, timeout, timeout, key);

    /// <inheritdoc cref="Bounded{T}(Task{T}, TimeSpan, EntityKey)"/>
    public static async Task Bounded(Task call, TimeSpan timeout, EntityKey key)
    {
        try
        {
            await call.WaitAsync(timeout);
        }
        catch (Exception exception) when (Translate(exception, call, timeout, key) is { } typed)
        {
            throw typed;
        }
    }

    /// <summary>
    /// A read, hedged and retried within its bound: while no attempt has answered, one more is sent
    /// every quarter of <paramref name="timeout"/> (at most four in all), and the first answer wins.
    /// A request lost with a silo that died (Orleans gives up on it only at its response timeout), or
    /// refused while the cluster re-forms, then costs a quarter of the bound, not all of it: a later
    /// attempt reaches the grain's new activation. Only for reads, which may run more than once.
    /// </summary>
    /// <exception cref="CacheUnavailableException">No attempt answered within the bound; the last failure, if any, says why.</exception>
    public static async Task<T> Hedged<T>(Func<Task<T>> read, TimeSpan timeout, EntityKey key)
    {
        const int MaxAttempts = 4;
        var started = Stopwatch.GetTimestamp();
        var interval = timeout / MaxAttempts;
        var pending = new List<Task<T>>(MaxAttempts) { read() };
        var sent = 1;
        Exception? lastFailure = null;
        while (true)
        {
            var remaining = Remaining(started, timeout);
            var untilNext = sent < MaxAttempts ? (interval * sent) - Stopwatch.GetElapsedTime(started) : remaining;
            var wait = untilNext < remaining ? untilNext : remaining;
            Task<T>? done = null;
            if (pending.Count > 0)
            {
                try
                {
                    done = await Task.WhenAny(pending).WaitAsync(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
                }
                catch (TimeoutException)
                {
                    // No answer yet: hedge, or give up below.
                }
            }
            else if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            if (done is not null)
            {
                if (done.IsCompletedSuccessfully)
                {
                    pending.Remove(done);
                    pending.ForEach(Abandon);
                    return done.Result;
                }

                pending.Remove(done);
                var failure = done.Exception!.InnerException ?? done.Exception;
                if (Translate(failure, done, timeout, key) is null)
                {
                    // An answer (not found is a value; a typed error is final), or a bug: not retried.
                    pending.ForEach(Abandon);
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
                }

                lastFailure = failure;
                continue;
            }

            if (Remaining(started, timeout) <= TimeSpan.Zero)
            {
                pending.ForEach(Abandon);
                throw lastFailure is not null && Translate(lastFailure, Task.CompletedTask, timeout, key) is ClusterUnavailableException unavailable
                    ? unavailable
                    : new CacheTimeoutException(key.Identifier.ToString(), timeout);
            }

            if (sent < MaxAttempts)
            {
                pending.Add(read());
                sent++;
            }
        }
    }

    private static async Task<T> Bounded<T>(Task<T> call, TimeSpan remaining, TimeSpan timeout, EntityKey key)
    {
        try
        {
            return await call.WaitAsync(remaining);
        }
        catch (Exception exception) when (Translate(exception, call, timeout, key) is { } typed)
        {
            throw typed;
        }
    }

    private static TimeSpan Remaining(long started, TimeSpan timeout)
    {
        var remaining = timeout - Stopwatch.GetElapsedTime(started);
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    /// <summary>Whatever an abandoned call ends with later must not surface as an unobserved fault.</summary>
    private static void Abandon(Task call) =>
        call.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>The typed error for a failure of the cluster, or null for one that is an answer (or a bug) and stays as it is.</summary>
    private static CacheUnavailableException? Translate(Exception exception, Task call, TimeSpan timeout, EntityKey key)
    {
        var identifier = key.Identifier.ToString();
        switch (exception)
        {
            case TimeoutException:
                if (!call.IsCompleted)
                {
                    Abandon(call);
                }

                return new CacheTimeoutException(identifier, timeout);
            case TypeLoadException:
                // A type or method one side does not know: the silo sent an error type this client
                // lacks, or this client called a method the silo lacks (docs/compatibility.md).
                return new ClusterUnavailableException(identifier, $"this client and a silo run different OrleansCache versions; upgrade silos before clients ({CacheUnavailableException.Describe(exception)})");
            case OrleansException or IOException or SocketException or ObjectDisposedException:
                return new ClusterUnavailableException(identifier, CacheUnavailableException.Describe(exception));
            default:
                return null;
        }
    }
}
