using Orleans.Runtime.Providers;

namespace OrleansCache.Streaming.Queues;

/// <summary>
/// How long a pulling agent waits before it reads a queue, or delivers to a subscriber, again after
/// a failure: from <see cref="First"/>, doubling, to at most <see cref="Longest"/>, each wait drawn
/// at random from its upper half so agents that failed together do not retry together. Orleans'
/// defaults (10–20 s between reads, up to 30 s between deliveries) are sized for remote queues
/// whose outage lasts; an arrival queue is a grain that is back on a live silo within the
/// membership's detection time, and every second of wait is a second in which no change is pushed.
/// </summary>
internal sealed class PromptBackoff : IQueueReaderBackoffProvider, IMessageDeliveryBackoffProvider
{
    /// <summary>The wait after the first failure.</summary>
    public static readonly TimeSpan First = TimeSpan.FromMilliseconds(50);

    /// <summary>The longest wait, however many failures came before.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(1);

    /// <summary>The one instance; it holds no state.</summary>
    public static readonly PromptBackoff Instance = new();

    private PromptBackoff()
    {
    }

    /// <inheritdoc/>
    public TimeSpan Next(int attempt)
    {
        var ceiling = attempt >= 5 ? Longest : TimeSpan.FromTicks(Math.Min(First.Ticks << Math.Max(attempt, 0), Longest.Ticks));
        return ceiling / 2 + (ceiling / 2) * Random.Shared.NextDouble();
    }
}
