namespace OrleansCache.Rest.Security;

/// <summary>One of Gravitino's authentication modes that the cache checks itself.</summary>
internal enum RestAuthenticatorKind
{
    /// <summary>A user name in an <c>Authorization: Basic</c> header, not proven (Gravitino's <c>simple</c>).</summary>
    Simple,

    /// <summary>A JWT in an <c>Authorization: Bearer</c> header, verified (Gravitino's <c>oauth</c>).</summary>
    OAuth,
}

/// <summary>Reads <c>OrleansCache:Rest:Authenticators</c>: the modes, in the order they are tried.</summary>
internal static class RestAuthenticatorNames
{
    /// <summary>The accepted names, as Gravitino spells them.</summary>
    public const string Accepted = "simple, oauth, or both comma-separated (simple,oauth)";

    /// <summary>The modes named by <paramref name="setting"/>; empty when unset.</summary>
    /// <param name="setting">The setting's value.</param>
    /// <param name="unknown">The first name that is not a mode, or null.</param>
    public static IReadOnlyList<RestAuthenticatorKind> Parse(string? setting, out string? unknown)
    {
        unknown = null;
        var kinds = new List<RestAuthenticatorKind>();
        foreach (var name in (setting ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            RestAuthenticatorKind? kind = name.ToLowerInvariant() switch
            {
                "simple" => RestAuthenticatorKind.Simple,
                "oauth" => RestAuthenticatorKind.OAuth,
                _ => null,
            };
            if (kind is not { } known)
            {
                unknown ??= name;
                continue;
            }

            if (!kinds.Contains(known))
            {
                kinds.Add(known);
            }
        }

        return kinds;
    }

    /// <summary>The modes of valid options (validation has refused unknown names).</summary>
    public static IReadOnlyList<RestAuthenticatorKind> Of(Providers.RestApiOptions options) => Parse(options.Authenticators, out _);
}
