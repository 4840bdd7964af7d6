using Microsoft.Extensions.DependencyInjection;
using OrleansCache.Client.Events;
using OrleansCache.Events;

namespace OrleansCache.Tests.Infrastructure;

/// <summary>
/// Faults on one client's change feed, registered as its <see cref="IChangeFeedFaults"/>: which
/// events are lost on the receive path (and how many were), and whether reconciliation is off.
/// Both can change while the client runs.
/// </summary>
internal sealed class FeedFaults : IChangeFeedFaults
{
    private long _dropped;

    /// <summary>Which events to lose; none by default.</summary>
    public Func<EntityChanged, bool> Drop { get; set; } = static _ => false;

    /// <inheritdoc/>
    public bool SkipReconciliation { get; set; }

    /// <summary>Events lost so far.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Loses <paramref name="share"/> of the events at random, as a lossy network would.</summary>
    public static FeedFaults Random(double share, int seed)
    {
        var random = new Random(seed);
        return new FeedFaults
        {
            Drop = _ =>
            {
                lock (random)
                {
                    return random.NextDouble() < share;
                }
            },
        };
    }

    /// <inheritdoc/>
    public bool DropEvent(EntityChanged changed)
    {
        if (!Drop(changed))
        {
            return false;
        }

        Interlocked.Increment(ref _dropped);
        return true;
    }

    /// <summary>Registers these faults on a client being built.</summary>
    public void Register(IClientBuilder client) => client.Services.AddSingleton<IChangeFeedFaults>(this);
}
