namespace OrleansCache.Grains.Entities;

/// <summary>
/// Turns for work of one activation that must run one piece after another across awaits (storage
/// writes, change-log appends). The caller holds the queue as a field that is null while no turn is
/// taken, so an idle activation holds nothing for it. Only the activation's own turns may touch the
/// field: Orleans runs them one at a time, so no lock is needed.
/// </summary>
internal static class Turns
{
    /// <summary>Takes the next turn: returns a task that completes when every earlier turn has ended, and the turn to pass to <see cref="End"/>.</summary>
    public static (Task Previous, TaskCompletionSource Turn) Take(ref TaskCompletionSource? last)
    {
        var previous = last?.Task ?? Task.CompletedTask;
        var turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        last = turn;
        return (previous, turn);
    }

    /// <summary>Ends <paramref name="turn"/> (in a <c>finally</c>); the queue is empty again if it was the last.</summary>
    public static void End(ref TaskCompletionSource? last, TaskCompletionSource turn)
    {
        if (last == turn)
        {
            last = null;
        }

        // Only ever a result, never a fault: the next turn waits for this one, not for its outcome.
        turn.SetResult();
    }
}
