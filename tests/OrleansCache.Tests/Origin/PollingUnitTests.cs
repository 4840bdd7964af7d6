using OrleansCache.Naming;
using OrleansCache.Origin.Gravitino.Polling;
using OrleansCache.Origin.Gravitino.Providers;
using OrleansCache.Origin.Gravitino.Replication;

namespace OrleansCache.Tests.Origin;

/// <summary>The polling feed's pure parts: its settings, the lag window, log rows, pass comparison.</summary>
[Trait("Category", "Unit")]
public sealed class PollingUnitTests
{
    [Fact]
    public void Polling_settings_out_of_range_are_each_named_with_what_is_accepted()
    {
        var result = new GravitinoOriginOptionsValidator().Validate(null, new GravitinoOriginOptions
        {
            Provider = GravitinoOriginOptions.GravitinoPostgres,
            ConnectionString = "Host=localhost",
            ChangeCapture = "polling",
            PollInterval = TimeSpan.FromMilliseconds(10),
            LagWindow = TimeSpan.FromMilliseconds(15),
            ReconcileInterval = TimeSpan.FromDays(2),
        });

        var text = string.Join('\n', result.Failures!);
        Assert.Contains("OrleansCache:Origin:ChangeCapture is 'polling'; accepted: Replication, Polling", text);
        Assert.Contains("OrleansCache:Origin:PollInterval", text);
        Assert.Contains("OrleansCache:Origin:LagWindow", text);
        Assert.Contains("OrleansCache:Origin:ReconcileInterval", text);
    }

    [Fact]
    public void The_window_reads_again_what_is_recent_skips_what_was_applied_and_forgets_only_what_it_no_longer_reads()
    {
        var window = new ChangeLogWindow(TimeSpan.FromSeconds(10));
        window.Applied(7, createdAtMs: 100_000);
        window.Applied(5, createdAtMs: 108_000);

        Assert.Equal(7, window.HighestId);
        Assert.Equal(100_000, window.Since(110_000));
        Assert.False(window.IsNew(5));
        Assert.True(window.IsNew(6));

        window.Forget(nowMs: 110_000);
        Assert.Equal(2, window.Remembered);
        window.Forget(nowMs: 110_001);
        Assert.True(window.IsNew(7));
        Assert.False(window.IsNew(5));
        Assert.Equal(7, window.HighestId);

        window.StartAbove(3);
        Assert.Equal(7, window.HighestId);
        window.StartAbove(40);
        Assert.Equal(40, window.HighestId);
    }

    [Theory]
    [InlineData("TABLE", "lake.cat.db.t", "table/lake.cat.db.t")]
    [InlineData("schema", "lake.cat.db", "schema/lake.cat.db")]
    [InlineData("TAG", "lake.system.tag.red", "tag/lake.red")]
    [InlineData("POLICY", "lake.system.policy.p1", "policy/lake.p1")]
    public void A_log_row_names_the_entity_as_the_cache_keys_it(string type, string fullName, string grainKey)
    {
        var key = new ChangeLogRow(1, "lake", type, fullName, 1, 0).Key();

        Assert.Equal(EntityKey.ParseGrainKey(grainKey), key);
    }

    [Theory]
    [InlineData("USER", "lake.system.user.u")]
    [InlineData("TABLE", "lake.cat.t")]
    [InlineData("TABLE", "lake.cat.db.bad name")]
    public void A_log_row_the_cache_cannot_address_names_nothing(string type, string fullName) =>
        Assert.Null(new ChangeLogRow(1, "lake", type, fullName, 2, 0).Key());

    [Fact]
    public void Two_passes_compare_into_creates_alters_and_drops()
    {
        var kept = new EntityRef(EntityKind.Table, 1);
        var altered = new EntityRef(EntityKind.Schema, 2);
        var dropped = new EntityRef(EntityKind.Model, 3);
        var created = new EntityRef(EntityKind.ModelVersion, 3, 1);
        var before = new Dictionary<EntityRef, (string, string)> { [kept] = ("t", "h1"), [altered] = ("s", "h2"), [dropped] = ("m", "h3") };
        var now = new Dictionary<EntityRef, (string, string)> { [kept] = ("t", "h1"), [altered] = ("s2", "h2b"), [created] = ("1", "h4") };

        var changes = OriginFingerprints.Compare(before, now).ToDictionary(row => row.Entity);

        Assert.Equal(3, changes.Count);
        Assert.Equal(new RowFacts(altered, "s2", false, false), changes[altered]);
        Assert.Equal(new RowFacts(created, "1", false, true), changes[created]);
        Assert.Equal(new RowFacts(dropped, "m", true, false), changes[dropped]);
    }
}
