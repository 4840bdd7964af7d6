using System.Text.RegularExpressions;
using OrleansCache.Errors;

namespace OrleansCache.Naming;

/// <summary>One level's naming rule: a pattern and a set of reserved names.</summary>
/// <param name="Level">What the level is called in error messages (for example <c>catalog</c>).</param>
/// <param name="Pattern">The pattern a name must match.</param>
/// <param name="Description">The pattern in words (and as Gravitino writes it), for error messages.</param>
/// <param name="Reserved">Names that are refused, compared case-insensitively.</param>
public sealed record NameRule(string Level, Regex Pattern, string Description, IReadOnlyList<string> Reserved)
{
    /// <summary>True when <paramref name="name"/> matches the pattern and is not reserved.</summary>
    public bool Accepts(string name) =>
        name is not null
        && Pattern.IsMatch(name)
        && !Reserved.Any(reserved => string.Equals(name, reserved, StringComparison.OrdinalIgnoreCase));

    /// <summary>Checks <paramref name="name"/>; <paramref name="identifier"/> is named in the error.</summary>
    /// <exception cref="InvalidNameException">The name does not match the pattern or is reserved.</exception>
    public void Check(string name, string identifier)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var reserved in Reserved)
        {
            if (string.Equals(name, reserved, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidNameException(identifier, Level, $"'{name}' is a reserved {Level} name");
            }
        }

        if (!Pattern.IsMatch(name))
        {
            throw new InvalidNameException(identifier, Level, $"'{name}' is not a valid {Level} name; use {Description}");
        }
    }
}
