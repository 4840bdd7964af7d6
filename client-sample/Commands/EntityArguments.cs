using System.CommandLine;
using OrleansCache.ClientSample.Input;
using OrleansCache.Naming;

namespace OrleansCache.ClientSample.Commands;

/// <summary>Arguments shared by the entity commands.</summary>
internal static class EntityArguments
{
    /// <summary>An entity kind token, parsed with <see cref="EntityKindTokens.TryParse"/>.</summary>
    public static Argument<EntityKind> Kind(string name, string description) => new(name)
    {
        Description = description,
        HelpName = name,
        CustomParser = result =>
        {
            var token = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (EntityKindTokens.TryParse(token, out var kind))
            {
                return kind;
            }

            result.AddError($"unknown kind '{token}'; one of: {Tokens.AddressableKinds} (and root for list).");
            return default;
        },
    };

    /// <summary>The kind of the entity to act on.</summary>
    public static Argument<EntityKind> EntityKind() => Kind("kind", $"The entity's kind: {Tokens.AddressableKinds}.");

    /// <summary>The entity's dotted identifier.</summary>
    public static Argument<string> Identifier() => new("identifier")
    {
        Description = "The dotted identifier, for example lake.sales.orders.items.",
    };

    /// <summary>The key of <paramref name="kind"/> and <paramref name="identifier"/>, with every naming rule applied.</summary>
    /// <exception cref="Errors.InvalidNameException">The identifier breaks a rule for the kind.</exception>
    public static EntityKey Key(EntityKind kind, string identifier) => EntityKey.Of(kind, identifier);
}
