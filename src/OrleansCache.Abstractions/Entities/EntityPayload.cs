using System.Collections.Immutable;
using OrleansCache.Errors;
using OrleansCache.Naming;

namespace OrleansCache.Entities;

/// <summary>
/// What an entity holds besides its name, audit info and version. One sealed subtype per kind;
/// every payload has a comment and string properties.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.EntityPayload")]
public abstract record EntityPayload
{
    /// <summary>The longest property key accepted.</summary>
    public const int MaxPropertyKeyLength = 512;

    /// <summary>The kind of entity this payload belongs to.</summary>
    public abstract EntityKind Kind { get; }

    /// <summary>A free-text comment, or null.</summary>
    [Id(0)]
    public string? Comment { get; init; }

    /// <summary>String properties (for example a catalog's connection settings).</summary>
    [Id(1)]
    public ImmutableDictionary<string, string> Properties { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>
    /// This payload with the strings that repeat across entities taken from <paramref name="pool"/>:
    /// here the property keys, and what each kind adds (a table's column names and types). Equal to
    /// this payload, and this very instance when every such string already is the pool's.
    /// </summary>
    public virtual EntityPayload ShareStrings(StringPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        if (Properties is not { Count: > 0 } properties || properties.Keys.All(key => ReferenceEquals(key, pool.Share(key))))
        {
            return this;
        }

        var shared = ImmutableDictionary.CreateBuilder(properties.KeyComparer, properties.ValueComparer);
        foreach (var (key, value) in properties)
        {
            shared.Add(pool.Share(key), value);
        }

        return this with { Properties = shared.ToImmutable() };
    }

    /// <summary>Checks the payload's own rules; <paramref name="identifier"/> is named in the error.</summary>
    /// <exception cref="InvalidEntityException">A rule is broken; the message says which.</exception>
    public virtual void Validate(string identifier)
    {
        if (Properties is null)
        {
            throw new InvalidEntityException(identifier, "properties must not be null (use an empty map)");
        }

        foreach (var (key, value) in Properties)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Length > MaxPropertyKeyLength)
            {
                throw new InvalidEntityException(identifier, $"property keys must be 1 to {MaxPropertyKeyLength} characters and not blank");
            }

            if (value is null)
            {
                throw new InvalidEntityException(identifier, $"property '{key}' has a null value (remove it instead)");
            }
        }
    }
}
