using System.Collections.Immutable;
using OrleansCache.Errors;
using OrleansCache.Naming;

namespace OrleansCache.Entities;

/// <summary>A model version's payload: where the artifact is, its aliases, comment and properties.</summary>
[GenerateSerializer, Immutable, Alias("oc.ModelVersionPayload")]
public sealed record ModelVersionPayload : EntityPayload
{
    /// <inheritdoc/>
    public override EntityKind Kind => EntityKind.ModelVersion;

    /// <summary>The artifact's location.</summary>
    [Id(0)]
    public required string Uri { get; init; }

    /// <summary>Aliases of this version (for example <c>prod</c>).</summary>
    [Id(1)]
    public ImmutableArray<string> Aliases { get; init; } = [];

    /// <inheritdoc/>
    public override void Validate(string identifier)
    {
        base.Validate(identifier);
        if (string.IsNullOrWhiteSpace(Uri))
        {
            throw new InvalidEntityException(identifier, "a model version needs a uri");
        }

        var aliases = Aliases.IsDefault ? [] : Aliases;
        foreach (var alias in aliases)
        {
            // An alias is a name that must never be mistaken for a version number.
            if (!NamingRules.SchemaObject(EntityKind.Model).Accepts(alias))
            {
                throw new InvalidEntityException(identifier, $"alias '{alias}' is not a valid alias; use {NamingRules.SchemaObject(EntityKind.Model).Description}");
            }

            if (alias.All(char.IsAsciiDigit))
            {
                throw new InvalidEntityException(identifier, $"alias '{alias}' must not be a number");
            }
        }

        if (aliases.Distinct(StringComparer.OrdinalIgnoreCase).Count() != aliases.Length)
        {
            throw new InvalidEntityException(identifier, "aliases must be unique");
        }
    }
}
