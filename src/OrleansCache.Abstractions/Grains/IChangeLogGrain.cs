using Orleans.Concurrency;
using OrleansCache.Events;

namespace OrleansCache.Grains;

/// <summary>
/// A metalake's change log (primary key: the metalake name): numbers every change event of the
/// metalake, publishes it on the metalake's change stream, and keeps the latest events in memory so
/// a receiver that missed some can repair. Its history lives only in silo memory: when it is lost
/// the log starts a new epoch.
/// </summary>
[Alias("oc.IChangeLogGrain")]
public interface IChangeLogGrain : IGrainWithStringKey
{
    /// <summary>The log's current epoch and latest sequence.</summary>
    [AlwaysInterleave, Alias("head")]
    Task<ChangeLogPosition> GetHead();

    /// <summary>The events after <paramref name="afterSequence"/> of <paramref name="epoch"/>, if the log still holds them all.</summary>
    [AlwaysInterleave, Alias("since")]
    Task<ChangeLogSlice> GetSince(Guid epoch, long afterSequence);
}
