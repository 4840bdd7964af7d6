namespace OrleansCache.Grains.Providers;

/// <summary>How change events are delivered (configuration section <c>OrleansCache:Streams</c>).</summary>
public sealed class ChangeStreamOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "OrleansCache:Streams";

    /// <summary>
    /// How soon a silo's pulling agent reads its change queue again after it paused (back pressure,
    /// or the first event of a metalake it has not delivered before). Events are otherwise delivered
    /// the moment they reach the queue, whatever this is. Default 20 ms; 1 ms to 10 s.
    /// </summary>
    public TimeSpan PollPeriod { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How many queues the change streams are spread over. Default 4; 1 to 64.</summary>
    public int Queues { get; set; } = 4;

    /// <summary>
    /// How many of its latest events each metalake change log keeps for receivers that missed some.
    /// A receiver further behind drops what it holds of the metalake instead. Default 4096; 16 to 1,048,576.
    /// </summary>
    public int LogCapacity { get; set; } = 4096;
}
