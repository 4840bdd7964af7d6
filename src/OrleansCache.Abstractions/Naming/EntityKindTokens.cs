namespace OrleansCache.Naming;

/// <summary>
/// The stable text form of each <see cref="EntityKind"/>, used in grain keys and storage keys. These
/// strings are persisted: renaming an enum member must not change them.
/// </summary>
public static class EntityKindTokens
{
    private static readonly Dictionary<EntityKind, string> Tokens = new()
    {
        [EntityKind.Root] = "root",
        [EntityKind.Metalake] = "metalake",
        [EntityKind.Catalog] = "catalog",
        [EntityKind.Schema] = "schema",
        [EntityKind.Table] = "table",
        [EntityKind.Fileset] = "fileset",
        [EntityKind.Topic] = "topic",
        [EntityKind.Model] = "model",
        [EntityKind.ModelVersion] = "model_version",
        [EntityKind.Tag] = "tag",
        [EntityKind.Policy] = "policy",
    };

    private static readonly Dictionary<string, EntityKind> Kinds =
        Tokens.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    /// <summary>The token of a kind (for example <c>model_version</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined kind.</exception>
    public static string ToToken(EntityKind kind) =>
        Tokens.TryGetValue(kind, out var token) ? token : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown entity kind.");

    /// <summary>Parses a token; false when it names no kind.</summary>
    public static bool TryParse(string token, out EntityKind kind) => Kinds.TryGetValue(token, out kind);
}
