namespace OrleansCache.Grains.Origins;

/// <summary>
/// The one consumer of the origin's change feed in the cluster (a single activation, key 0). Every
/// silo asks it to run every second, so when its silo dies the next ask activates it elsewhere and
/// the feed resumes from the origin's durable position.
/// </summary>
[Alias("oc.IOriginFeedGrain")]
internal interface IOriginFeedGrain : IGrainWithIntegerKey
{
    /// <summary>Starts the feed if it is not running; returns what it is doing and on which silo.</summary>
    [Alias("ensure")]
    Task<string> Ensure();
}
