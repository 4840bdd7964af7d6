using OrleansCache.Grains.Entities;

namespace OrleansCache.Tests.Silo;

/// <summary>The entity grain's write protocol: sections in arrival order per lane, lanes independent, closing scoped.</summary>
[Trait("Category", "Unit")]
public sealed class WriteGateTests
{
    [Fact]
    public async Task Storage_write_sections_run_one_at_a_time_in_arrival_order()
    {
        var gate = new WriteGate();
        var order = new List<int>();
        var first = await gate.EnterStorageWriteAsync();
        var second = Enter(gate.EnterStorageWriteAsync(), order, 2);
        var third = Enter(gate.EnterStorageWriteAsync(), order, 3);

        Assert.False(second.IsCompleted);
        Assert.False(third.IsCompleted);
        order.Add(1);
        first.Dispose();
        await Task.WhenAll(second, third).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([1, 2, 3], order);
    }

    [Fact]
    public async Task An_idle_lane_is_entered_at_once_and_lanes_do_not_wait_for_each_other()
    {
        var gate = new WriteGate();
        var write = gate.EnterStorageWriteAsync();
        Assert.True(write.IsCompleted);

        var append = gate.EnterChangeLogAppendAsync();
        Assert.True(append.IsCompleted);

        (await write).Dispose();
        (await append).Dispose();
        var again = gate.EnterStorageWriteAsync();
        Assert.True(again.IsCompleted);
        (await again).Dispose();
    }

    [Fact]
    public void Closing_to_new_children_lasts_until_every_closure_is_disposed()
    {
        var gate = new WriteGate();
        Assert.False(gate.IsClosedToNewChildren);

        using (gate.CloseToNewChildren())
        {
            var inner = gate.CloseToNewChildren();
            Assert.True(gate.IsClosedToNewChildren);
            inner.Dispose();
            Assert.True(gate.IsClosedToNewChildren);
        }

        Assert.False(gate.IsClosedToNewChildren);
    }

    private static async Task Enter(ValueTask<WriteGate.Section> entering, List<int> order, int id)
    {
        using (await entering)
        {
            order.Add(id);
            await Task.Yield();
        }
    }
}
