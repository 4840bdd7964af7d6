using OrleansCache.Client;
using OrleansCache.Errors;
using OrleansCache.Naming;

namespace OrleansCache.Tests.Client;

/// <summary>How a grain call's failure reaches the caller: as one of the cache's own errors, saying what to do.</summary>
[Trait("Category", "Unit")]
public sealed class ClientCallTests
{
    private static readonly EntityKey Table = EntityKey.Table("lake", "c", "s", "t");

    [Fact]
    public async Task A_method_or_type_the_other_side_lacks_is_reported_as_a_version_mismatch()
    {
        var call = Task.FromException<int>(new TypeLoadException("Unable to resolve type alias \"load-bytes\"."));

        var error = await Assert.ThrowsAsync<ClusterUnavailableException>(() => ClientCall.Bounded(call, TimeSpan.FromSeconds(1), Table));

        Assert.Contains("different OrleansCache versions; upgrade silos before clients", error.Message, StringComparison.Ordinal);
        Assert.Contains("load-bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_that_finds_nothing_is_an_answer_not_an_outage()
    {
        var call = Task.FromException<int>(new EntityNotFoundException("lake.c.s.t", EntityKind.Table, EntityKind.Table, "lake.c.s.t"));

        await Assert.ThrowsAsync<EntityNotFoundException>(() => ClientCall.Hedged(() => call, TimeSpan.FromSeconds(1), Table));
    }
}
