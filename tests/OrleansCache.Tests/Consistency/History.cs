using System.Collections.Concurrent;
using System.Diagnostics;
using OrleansCache.Naming;

namespace OrleansCache.Tests.Consistency;

/// <summary>What an operation did.</summary>
public enum OpKind
{
    /// <summary>A read (found or not found).</summary>
    Read,

    /// <summary>A create or alter: afterwards the key exists at <see cref="Op.Version"/>.</summary>
    Write,

    /// <summary>A drop or the old name of a rename: afterwards the key (and its subtree) is absent.</summary>
    Remove,
}

/// <summary>
/// One recorded operation. Times are milliseconds on one process-wide clock. A write that failed
/// is recorded with <see cref="Succeeded"/> false: it may or may not have happened.
/// </summary>
public sealed record Op(
    int Client,
    OpKind Kind,
    EntityKey Key,
    double Start,
    double End,
    bool Succeeded,
    long? Version,
    string? Incarnation)
{
    /// <summary>For a read: did it find the entity.</summary>
    public bool Found => Version is not null;
}

/// <summary>A thread-safe log of operations.</summary>
public sealed class History
{
    private readonly ConcurrentQueue<Op> _ops = new();

    /// <summary>Now, in milliseconds.</summary>
    public static double Now => Stopwatch.GetTimestamp() * 1000.0 / Stopwatch.Frequency;

    public IReadOnlyList<Op> Ops => [.. _ops];

    public void Add(Op op) => _ops.Enqueue(op);
}
