using OrleansCache.Naming;

namespace OrleansCache.Errors;

/// <summary>
/// The entity does not exist, or a level above it does not. <see cref="MissingKind"/> and
/// <see cref="MissingIdentifier"/> name the highest level that is missing.
/// </summary>
[GenerateSerializer, Alias("oc.EntityNotFoundException")]
public sealed class EntityNotFoundException : OrleansCacheException
{
    /// <summary>Creates the error.</summary>
    /// <param name="identifier">The identifier that was asked for.</param>
    /// <param name="kind">The kind that was asked for.</param>
    /// <param name="missingKind">The kind of the highest missing level.</param>
    /// <param name="missingIdentifier">The identifier of the highest missing level.</param>
    public EntityNotFoundException(string identifier, EntityKind kind, EntityKind missingKind, string missingIdentifier)
        : base(identifier, Describe(identifier, kind, missingKind, missingIdentifier))
    {
        Kind = kind;
        MissingKind = missingKind;
        MissingIdentifier = missingIdentifier;
    }

    /// <summary>The kind that was asked for.</summary>
    [Id(0)]
    public EntityKind Kind { get; private set; }

    /// <summary>The kind of the highest missing level.</summary>
    [Id(1)]
    public EntityKind MissingKind { get; private set; }

    /// <summary>The identifier of the highest missing level.</summary>
    [Id(2)]
    public string MissingIdentifier { get; private set; }

    private static string Describe(string identifier, EntityKind kind, EntityKind missingKind, string missingIdentifier) =>
        missingIdentifier == identifier && missingKind == kind
            ? $"{EntityKindTokens.ToToken(kind)} '{identifier}' does not exist."
            : $"{EntityKindTokens.ToToken(missingKind)} '{missingIdentifier}' does not exist, so {EntityKindTokens.ToToken(kind)} '{identifier}' under it cannot be read or created.";
}
