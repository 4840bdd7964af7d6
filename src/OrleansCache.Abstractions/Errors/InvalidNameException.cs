namespace OrleansCache.Errors;

/// <summary>
/// A name or identifier breaks a naming rule: a level does not match its pattern, uses a reserved
/// name, or the identifier has the wrong number of levels for its kind. Nothing was changed.
/// </summary>
[GenerateSerializer, Alias("oc.InvalidNameException")]
public sealed class InvalidNameException : OrleansCacheException
{
    /// <summary>Creates the error.</summary>
    /// <param name="identifier">The identifier as given.</param>
    /// <param name="level">The offending level (for example <c>catalog</c>, or <c>identifier</c> for depth).</param>
    /// <param name="rule">The rule that was broken, in words.</param>
    public InvalidNameException(string identifier, string level, string rule)
        : base(identifier, $"Invalid name '{identifier}': {level}: {rule}.")
    {
        Level = level;
        Rule = rule;
    }

    /// <summary>The offending level.</summary>
    [Id(0)]
    public string Level { get; private set; }

    /// <summary>The rule that was broken.</summary>
    [Id(1)]
    public string Rule { get; private set; }
}
