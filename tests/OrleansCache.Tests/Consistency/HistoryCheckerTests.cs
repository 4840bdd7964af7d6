using OrleansCache.Naming;

namespace OrleansCache.Tests.Consistency;

/// <summary>
/// The checker on synthetic histories: each broken guarantee must be reported, and legal
/// interleavings must not be. Client 0 writes; clients 1 and 2 read. Times are milliseconds.
/// </summary>
[Trait("Category", "Unit")]
public sealed class HistoryCheckerTests
{
    private const double Bound = 1000;
    private static readonly EntityKey Schema = EntityKey.Schema("lake", "c", "s");
    private static readonly EntityKey Table = Schema.Child(EntityKind.Table, "t");
    private static readonly EntityKey Renamed = Schema.Child(EntityKind.Table, "t_r");

    [Fact]
    public void A_reader_stuck_on_v1_while_writes_continue_is_timed_from_the_first_replacing_write()
    {
        // v2 at 100, then a write every 300 ms: the gap between writes stays under the bound, but
        // the reader's copy has been replaced since 100.
        var ops = new List<Op> { Write(Table, 1, 0, 10), Read(1, Table, 20, 21, 1) };
        for (var (version, at) = (2L, 90.0); at < 3000; version++, at += 300)
        {
            ops.Add(Write(Table, version, at, at + 10));
            ops.Add(Read(1, Table, at + 200, at + 201, 1));
        }

        var result = HistoryChecker.Check(ops, Bound);

        var stale = result.Violations.Where(v => v.Guarantee == Guarantee.BoundedStaleness).ToList();
        Assert.NotEmpty(stale);
        Assert.All(stale, v => Assert.Contains($"write of {Table} v2 ", v.History, StringComparison.Ordinal));
        Assert.True(result.MaxStalenessMs > 2500, $"timed from the first replacement (v2 at 100 ms): {result.MaxStalenessMs}");
    }

    [Fact]
    public void A_writer_that_reads_its_replaced_version_breaks_read_your_writes()
    {
        var ops = new List<Op> { Write(Table, 1, 0, 10), Write(Table, 2, 20, 30), Read(0, Table, 31, 32, 1) };

        var violation = Assert.Single(HistoryChecker.Check(ops, Bound).Violations);

        Assert.Equal(Guarantee.ReadYourWrites, violation.Guarantee);
    }

    [Fact]
    public void A_reader_going_back_to_an_older_version_breaks_monotonic_reads()
    {
        var ops = new List<Op> { Write(Table, 1, 0, 10), Write(Table, 2, 20, 30), Read(1, Table, 40, 41, 2), Read(1, Table, 50, 51, 1) };

        var violations = HistoryChecker.Check(ops, Bound).Violations;

        Assert.Contains(violations, v => v.Guarantee == Guarantee.MonotonicReads);
    }

    [Fact]
    public void Not_found_after_found_without_a_removal_between_breaks_monotonic_reads()
    {
        // The table was dropped once before its re-create at v2; a reader that saw v2 and then
        // reports it missing went back to the state before v2.
        var ops = new List<Op>
        {
            Write(Table, 1, 0, 10), Remove(Table, 20, 30), Write(Table, 2, 40, 50),
            Read(1, Table, 60, 61, 2), Read(1, Table, 70, 71, null),
        };

        var violations = HistoryChecker.Check(ops, Bound).Violations;

        Assert.Contains(violations, v => v.Guarantee == Guarantee.MonotonicReads && v.History.Contains("not found", StringComparison.Ordinal));
    }

    [Fact]
    public void A_version_returned_again_after_not_found_for_its_drop_breaks_monotonic_reads()
    {
        // v1, then not found once the drop was acknowledged, then v1 again 10 ms later: within the
        // staleness bound, so only monotonic reads can catch the comeback (a stale fill).
        var ops = new List<Op>
        {
            Write(Table, 1, 0, 10), Read(1, Table, 20, 21, 1), Remove(Table, 30, 40),
            Read(1, Table, 50, 51, null), Read(1, Table, 60, 61, 1),
        };

        var violation = Assert.Single(HistoryChecker.Check(ops, Bound).Violations);

        Assert.Equal(Guarantee.MonotonicReads, violation.Guarantee);
        Assert.Contains($"after it had returned {Table} not found", violation.History, StringComparison.Ordinal);
    }

    [Fact]
    public void A_version_after_not_found_for_a_drop_whose_outcome_is_unknown_is_allowed()
    {
        // The drop failed: it may not have happened, so the not-found and the v1 after it may both be right.
        var ops = new List<Op>
        {
            Write(Table, 1, 0, 10), Read(1, Table, 20, 21, 1), Failed(OpKind.Remove, Table, 30, 40),
            Read(1, Table, 50, 51, null), Read(1, Table, 60, 61, 1),
        };

        Assert.DoesNotContain(HistoryChecker.Check(ops, Bound).Violations, v => v.Guarantee == Guarantee.MonotonicReads);
    }

    [Fact]
    public void Not_found_concurrent_with_the_create_then_the_version_while_a_drop_is_in_flight_is_allowed()
    {
        // The not-found overlapped the create (it saw the absence before it), and the drop was not
        // acknowledged yet when v1 was read: both reads are legal, in this order.
        var ops = new List<Op>
        {
            Write(Table, 1, 0, 10), Read(1, Table, 5, 25, null), Remove(Table, 20, 40), Read(1, Table, 30, 31, 1),
        };

        Assert.Empty(HistoryChecker.Check(ops, Bound).Violations);
    }

    [Fact]
    public void A_table_served_long_after_its_schemas_drop_is_stale()
    {
        var ops = new List<Op>
        {
            Write(Schema, 1, 0, 5), Write(Table, 2, 6, 10), Read(1, Table, 20, 21, 2),
            Remove(Schema, 100, 110), Read(1, Table, 1500, 1501, 2),
        };

        var violation = Assert.Single(HistoryChecker.Check(ops, Bound).Violations);

        Assert.Equal(Guarantee.BoundedStaleness, violation.Guarantee);
        Assert.Contains($"removal of {Schema}", violation.History, StringComparison.Ordinal);
    }

    [Fact]
    public void A_renamed_table_served_under_its_old_name_is_stale()
    {
        var ops = new List<Op>
        {
            Write(Table, 1, 0, 10), Read(2, Table, 20, 21, 1),
            Remove(Table, 100, 110), Write(Renamed, 2, 100, 110),
            Read(2, Table, 1300, 1301, 1),
        };

        var violation = Assert.Single(HistoryChecker.Check(ops, Bound).Violations);

        Assert.Equal(Guarantee.BoundedStaleness, violation.Guarantee);
        Assert.Contains($"removal of {Table}", violation.History, StringComparison.Ordinal);
    }

    [Fact]
    public void A_version_no_write_produced_is_a_phantom()
    {
        var ops = new List<Op> { Write(Table, 1, 0, 10), Read(1, Table, 20, 21, 7) };

        var violation = Assert.Single(HistoryChecker.Check(ops, Bound).Violations);

        Assert.Equal(Guarantee.NoPhantoms, violation.Guarantee);
    }

    [Fact]
    public void A_read_concurrent_with_a_write_may_return_either_version()
    {
        var ops = new List<Op>
        {
            Write(Table, 1, 0, 10), Write(Table, 2, 100, 200),
            Read(1, Table, 150, 160, 1), Read(2, Table, 150, 160, 2),
        };

        var result = HistoryChecker.Check(ops, Bound);

        Assert.Empty(result.Violations);
        Assert.Equal(0, result.MaxStalenessMs);
    }

    [Fact]
    public void A_read_that_started_before_the_acknowledgement_is_not_stale_however_late_it_ends()
    {
        var ops = new List<Op> { Write(Table, 1, 0, 10), Write(Table, 2, 100, 200), Read(1, Table, 199, 5000, 1) };

        var result = HistoryChecker.Check(ops, Bound);

        Assert.Empty(result.Violations);
        Assert.Equal(0, result.MaxStalenessMs);
    }

    [Fact]
    public void A_read_within_the_bound_is_measured_but_allowed()
    {
        var ops = new List<Op> { Write(Table, 1, 0, 10), Write(Table, 2, 100, 200), Read(1, Table, 450, 451, 1), Read(1, Table, 460, 461, 2) };

        var result = HistoryChecker.Check(ops, Bound);

        Assert.Empty(result.Violations);
        Assert.Equal(250, result.MaxStalenessMs, precision: 3);
    }

    [Fact]
    public void A_version_from_a_write_whose_outcome_is_unknown_is_not_a_phantom()
    {
        var ops = new List<Op> { Write(Table, 1, 0, 10), Failed(OpKind.Write, Table, 20, 40), Read(1, Table, 50, 51, 2) };

        Assert.Empty(HistoryChecker.Check(ops, Bound).Violations);
    }

    [Fact]
    public void An_ancestors_drop_after_the_keys_own_does_not_replace_its_absence()
    {
        var ops = new List<Op>
        {
            Write(Schema, 1, 0, 5), Write(Table, 2, 6, 10), Remove(Table, 20, 30),
            Read(1, Table, 40, 41, null), Remove(Schema, 50, 60), Read(1, Table, 1500, 1501, null),
        };

        var result = HistoryChecker.Check(ops, Bound);

        Assert.Empty(result.Violations);
    }

    private static Op Write(EntityKey key, long version, double start, double end) => new(0, OpKind.Write, key, start, end, true, version, null);

    private static Op Remove(EntityKey key, double start, double end) => new(0, OpKind.Remove, key, start, end, true, null, null);

    private static Op Failed(OpKind kind, EntityKey key, double start, double end) => new(0, kind, key, start, end, false, null, null);

    private static Op Read(int client, EntityKey key, double start, double end, long? version) => new(client, OpKind.Read, key, start, end, true, version, null);
}
