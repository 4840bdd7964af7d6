using OrleansCache.Errors;
using OrleansCache.Naming;

namespace OrleansCache.Entities;

/// <summary>A metalake-level policy: its type, whether it is enabled, its content, comment and properties.</summary>
[GenerateSerializer, Immutable, Alias("oc.PolicyPayload")]
public sealed record PolicyPayload : EntityPayload
{
    /// <inheritdoc/>
    public override EntityKind Kind => EntityKind.Policy;

    /// <summary>The policy type (for example <c>data_compaction</c> or a custom type).</summary>
    [Id(0)]
    public required string PolicyType { get; init; }

    /// <summary>Whether the policy is in force.</summary>
    [Id(1)]
    public bool Enabled { get; init; } = true;

    /// <summary>The policy's content, as text (for example JSON rules).</summary>
    [Id(2)]
    public string? Content { get; init; }

    /// <inheritdoc/>
    public override void Validate(string identifier)
    {
        base.Validate(identifier);
        if (string.IsNullOrWhiteSpace(PolicyType))
        {
            throw new InvalidEntityException(identifier, "a policy needs a policy type");
        }
    }
}
