namespace OrleansCache.Grains.Origins;

/// <summary>
/// Consecutive failures of a retried task, and how much of each to log: the first whole, a changed
/// reason whole, and otherwise one reminder a minute, so an outage does not flood the log.
/// </summary>
internal sealed class FailureStreak(TimeProvider clock)
{
    private static readonly TimeSpan ReminderEvery = TimeSpan.FromMinutes(1);
    private readonly long _began = clock.GetTimestamp();
    private long _reminded;
    private string? _reason;

    /// <summary>How much of a failure to log.</summary>
    public enum Report
    {
        /// <summary>Only at a debugging level.</summary>
        Quiet,

        /// <summary>The message and the exception.</summary>
        Whole,

        /// <summary>One line: still failing, how long, how often.</summary>
        Reminder,
    }

    /// <summary>Failures in this streak.</summary>
    public int Count { get; private set; }

    /// <summary>Time since the streak began.</summary>
    public TimeSpan Elapsed => clock.GetElapsedTime(_began);

    /// <summary>Counts a failure for <paramref name="reason"/> and says how much of it to log.</summary>
    public Report Add(string reason)
    {
        Count++;
        var now = clock.GetTimestamp();
        if (!string.Equals(reason, _reason, StringComparison.Ordinal))
        {
            _reason = reason;
            _reminded = now;
            return Report.Whole;
        }

        if (clock.GetElapsedTime(_reminded, now) >= ReminderEvery)
        {
            _reminded = now;
            return Report.Reminder;
        }

        return Report.Quiet;
    }
}
