using OrleansCache.Client;
using OrleansCache.Events;
using OrleansCache.Naming;

namespace OrleansCache.TestKit;

/// <summary>
/// Records the change events one client receives from the moment it is created, so a test can
/// make a change and then wait, without sleeping, until the client has seen it. Start recording
/// before the change: an event that arrived earlier is not recorded. Dispose to stop.
/// </summary>
public sealed class ChangeRecorder : IDisposable
{
    private readonly IOrleansCacheClient _client;
    private readonly List<EntityChanged> _received = [];
    private readonly List<(Func<EntityChanged, bool> Match, TaskCompletionSource<EntityChanged> Seen)> _waiters = [];

    private ChangeRecorder(IOrleansCacheClient client)
    {
        _client = client;
        _client.ChangeReceived += OnChange;
    }

    /// <summary>The events received so far, in arrival order.</summary>
    public IReadOnlyList<EntityChanged> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Starts recording what <paramref name="client"/> receives.</summary>
    public static ChangeRecorder Start(IOrleansCacheClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new ChangeRecorder(client);
    }

    /// <summary>
    /// Completes with the first recorded event about <paramref name="key"/> at
    /// <paramref name="atLeastVersion"/> or above (any version when null), received before or after
    /// this call.
    /// </summary>
    /// <exception cref="TimeoutException">None arrived within <paramref name="timeout"/> (default 30 s).</exception>
    public Task<EntityChanged> WaitForAsync(EntityKey key, long? atLeastVersion = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        return WaitForAsync(changed => (changed.Key == key || changed.NewKey == key) && changed.Version >= (atLeastVersion ?? 0), $"a change of {key}", timeout);
    }

    /// <summary>Completes with the first recorded event that <paramref name="match"/> accepts.</summary>
    /// <exception cref="TimeoutException">None arrived within <paramref name="timeout"/> (default 30 s).</exception>
    public async Task<EntityChanged> WaitForAsync(Func<EntityChanged, bool> match, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(match);
        var seen = new TaskCompletionSource<EntityChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_received)
        {
            if (_received.FirstOrDefault(match) is { } already)
            {
                return already;
            }

            _waiters.Add((match, seen));
        }

        try
        {
            return await seen.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The client did not receive {what} within {timeout ?? TimeSpan.FromSeconds(30)}; it received {Received.Count} event(s).");
        }
        finally
        {
            lock (_received)
            {
                _waiters.RemoveAll(waiter => waiter.Seen == seen);
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _client.ChangeReceived -= OnChange;

    private void OnChange(object? sender, EntityChanged changed)
    {
        lock (_received)
        {
            _received.Add(changed);
            foreach (var (match, seen) in _waiters.Where(waiter => waiter.Match(changed)))
            {
                seen.TrySetResult(changed);
            }
        }
    }
}
