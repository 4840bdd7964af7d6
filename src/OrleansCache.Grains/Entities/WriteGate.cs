namespace OrleansCache.Grains.Entities;

/// <summary>
/// The write protocol of one entity activation, in one place: client writes (create, a group of
/// alters, a renaming alter, drop, and the tree operations that replace or remove the record) run
/// one at a time in the order they arrive; within them, and for the index calls that interleave
/// with them, storage writes run one at a time in the order they arrive; change-log appends
/// likewise, in a lane of their own so an append in flight never holds up the next storage write;
/// and while a drop or move of the entity runs the entity is closed to new children.
/// </summary>
/// <remarks>
/// Taken with <c>using (await gate.EnterStorageWriteAsync()) { ... }</c>; disposing the section lets
/// the next one in. A lane holds nothing while idle (a <see cref="SemaphoreSlim"/> per lane cost
/// 88 B per entity). Only the activation's own code touches the gate, and Orleans runs that code
/// one piece at a time, so no lock is needed. The order of a lane is fixed when
/// <c>Enter...Async</c> is called (synchronously), not when its task completes.
/// </remarks>
internal sealed class WriteGate
{
    // The last section taken in each lane; null while the lane is idle.
    private TaskCompletionSource? _lastClientWrite;
    private TaskCompletionSource? _lastStorageWrite;
    private TaskCompletionSource? _lastChangeLogAppend;

    // How many drops or moves of this entity run (they do not nest today; a count keeps that safe).
    private int _closures;

    /// <summary>The two lanes of sections.</summary>
    internal enum Lane
    {
        ClientWrite,
        StorageWrite,
        ChangeLogAppend,
    }

    /// <summary>True while a drop or move of the entity runs: no child may register then.</summary>
    public bool IsClosedToNewChildren => _closures > 0;

    /// <summary>
    /// Waits until every client write section entered before this one has been left. Client writes
    /// that Orleans interleaves (alters without a rename, <see cref="EntityGrain.MayInterleave"/>)
    /// and those it does not are ordered here alike.
    /// </summary>
    public ValueTask<Section> EnterClientWriteAsync() => Enter(Lane.ClientWrite);

    /// <summary>Waits until every storage write section entered before this one has been left.</summary>
    public ValueTask<Section> EnterStorageWriteAsync() => Enter(Lane.StorageWrite);

    /// <summary>Waits until every change-log append section entered before this one has been left.</summary>
    public ValueTask<Section> EnterChangeLogAppendAsync() => Enter(Lane.ChangeLogAppend);

    /// <summary>Closes the entity to new children until the returned closure is disposed.</summary>
    public Closure CloseToNewChildren()
    {
        _closures++;
        return new Closure(this);
    }

    private ValueTask<Section> Enter(Lane lane)
    {
        ref var last = ref Last(lane);
        var previous = last?.Task;
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        last = mine;
        var section = new Section(this, lane, mine);
        return previous is null || previous.IsCompleted ? ValueTask.FromResult(section) : After(previous, section);
    }

    private static async ValueTask<Section> After(Task previous, Section section)
    {
        await previous;
        return section;
    }

    private ref TaskCompletionSource? Last(Lane lane)
    {
        switch (lane)
        {
            case Lane.ClientWrite:
                return ref _lastClientWrite;
            case Lane.StorageWrite:
                return ref _lastStorageWrite;
            default:
                return ref _lastChangeLogAppend;
        }
    }

    private void Leave(Lane lane, TaskCompletionSource mine)
    {
        ref var last = ref Last(lane);
        if (last == mine)
        {
            last = null;
        }

        // Only ever a result, never a fault: the next section waits for this one, not for its outcome.
        mine.SetResult();
    }

    /// <summary>A section of one lane held; dispose it (with <c>using</c>) to let the next one in.</summary>
    internal readonly struct Section : IDisposable
    {
        private readonly WriteGate? _gate;
        private readonly Lane _lane;
        private readonly TaskCompletionSource? _mine;

        internal Section(WriteGate gate, Lane lane, TaskCompletionSource mine)
        {
            _gate = gate;
            _lane = lane;
            _mine = mine;
        }

        /// <inheritdoc/>
        public void Dispose() => _gate?.Leave(_lane, _mine!);
    }

    /// <summary>The entity closed to new children; dispose it (with <c>using</c>) to reopen.</summary>
    internal readonly struct Closure : IDisposable
    {
        private readonly WriteGate? _gate;

        internal Closure(WriteGate gate) => _gate = gate;

        /// <inheritdoc/>
        public void Dispose()
        {
            if (_gate is not null)
            {
                _gate._closures--;
            }
        }
    }
}
