using System.Collections.Concurrent;

namespace OrleansCache.Tests.Infrastructure;

/// <summary>
/// A silo-side call filter for tests that must know a grain call is not just sent but waiting
/// inside the grain: it counts, per grain and method, the calls that were still pending after the
/// grain method ran to its first await.
/// </summary>
public sealed class SuspendedCalls : IIncomingGrainCallFilter
{
    private static readonly ConcurrentDictionary<(GrainId Grain, string Method), int> Counts = new();

    /// <summary>How many calls of <paramref name="method"/> on <paramref name="grain"/> have suspended inside the grain so far.</summary>
    public static int Count(GrainId grain, string method) => Counts.GetValueOrDefault((grain, method));

    /// <inheritdoc/>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var call = context.Invoke();
        if (!call.IsCompleted)
        {
            Counts.AddOrUpdate((context.TargetId, context.InterfaceMethod.Name), 1, (_, n) => n + 1);
        }

        await call;
    }
}
