using OrleansCache.Grains.Origins;

namespace OrleansCache.Tests.Origin;

/// <summary>How much of a retried feed's failures reaches the log during an outage.</summary>
[Trait("Category", "Unit")]
public sealed class FailureStreakTests
{
    [Fact]
    public void The_first_failure_is_logged_whole_the_repeats_quietly_and_a_reminder_once_a_minute()
    {
        var clock = new SteppedClock();
        var streak = new FailureStreak(clock);

        Assert.Equal(FailureStreak.Report.Whole, streak.Add("connection refused"));
        var reports = new List<FailureStreak.Report>();
        for (var second = 1; second <= 130; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            reports.Add(streak.Add("connection refused"));
        }

        Assert.Equal(2, reports.Count(r => r == FailureStreak.Report.Reminder)); // at 60 s and 120 s
        Assert.Equal(128, reports.Count(r => r == FailureStreak.Report.Quiet));
        Assert.Equal(131, streak.Count);
        Assert.Equal(TimeSpan.FromSeconds(130), streak.Elapsed);
    }

    [Fact]
    public void A_failure_for_a_new_reason_is_logged_whole()
    {
        var streak = new FailureStreak(new SteppedClock());

        streak.Add("connection refused");
        streak.Add("connection refused");

        Assert.Equal(FailureStreak.Report.Whole, streak.Add("the database system is starting up"));
    }

    private sealed class SteppedClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
