using OrleansCache.Entities;
using OrleansCache.Errors;

namespace OrleansCache.Naming;

/// <summary>
/// The address of one catalog entity: its kind and its identifier, checked against the naming rules
/// of every level at construction. One entity grain exists per key.
/// </summary>
/// <remarks>
/// The key's text form, <c>kind/identifier</c> (for example <c>table/lake.sales.orders.items</c>), is
/// the entity grain's primary key and part of the storage key in Redis: it must never change.
/// </remarks>
[GenerateSerializer, Immutable, Alias("oc.EntityKey")]
public sealed record EntityKey
{
    private const char KindSeparator = '/';

    /// <summary>The key of the hidden root that indexes every metalake.</summary>
    public static EntityKey Root { get; } = new(EntityKind.Root, NameIdentifier.Root, validated: true);

    private EntityKey(EntityKind kind, NameIdentifier identifier, bool validated)
    {
        _ = validated;
        Kind = kind;
        Identifier = identifier;
    }

    /// <summary>The entity's kind.</summary>
    [Id(0)]
    public EntityKind Kind { get; private init; }

    /// <summary>The entity's identifier.</summary>
    [Id(1)]
    public NameIdentifier Identifier { get; private init; }

    /// <summary>Creates a key, applying every naming rule for <paramref name="kind"/>.</summary>
    /// <exception cref="InvalidNameException">
    /// The depth is wrong for the kind, or a level breaks its rule or uses a reserved name.
    /// The message names the offending level and the rule.
    /// </exception>
    public static EntityKey Of(EntityKind kind, NameIdentifier identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        EntityHierarchy.Validate(kind, identifier);
        return new EntityKey(kind, identifier, validated: true);
    }

    /// <summary>Creates a key from the dotted identifier text, applying every naming rule.</summary>
    /// <exception cref="InvalidNameException">The identifier breaks a rule for <paramref name="kind"/>.</exception>
    public static EntityKey Of(EntityKind kind, string identifier) => Of(kind, NameIdentifier.Parse(identifier));

    /// <summary>Convenience factories, one per kind.</summary>
    public static EntityKey Metalake(string metalake) => Of(EntityKind.Metalake, NameIdentifier.Of(metalake));

    /// <inheritdoc cref="Metalake"/>
    public static EntityKey Catalog(string metalake, string catalog) =>
        Of(EntityKind.Catalog, NameIdentifier.Of(metalake, catalog));

    /// <inheritdoc cref="Metalake"/>
    public static EntityKey Schema(string metalake, string catalog, string schema) =>
        Of(EntityKind.Schema, NameIdentifier.Of(metalake, catalog, schema));

    /// <inheritdoc cref="Metalake"/>
    public static EntityKey Table(string metalake, string catalog, string schema, string table) =>
        Of(EntityKind.Table, NameIdentifier.Of(metalake, catalog, schema, table));

    /// <inheritdoc cref="Metalake"/>
    public static EntityKey Fileset(string metalake, string catalog, string schema, string fileset) =>
        Of(EntityKind.Fileset, NameIdentifier.Of(metalake, catalog, schema, fileset));

    /// <inheritdoc cref="Metalake"/>
    public static EntityKey Topic(string metalake, string catalog, string schema, string topic) =>
        Of(EntityKind.Topic, NameIdentifier.Of(metalake, catalog, schema, topic));

    /// <inheritdoc cref="Metalake"/>
    public static EntityKey Model(string metalake, string catalog, string schema, string model) =>
        Of(EntityKind.Model, NameIdentifier.Of(metalake, catalog, schema, model));

    /// <inheritdoc cref="Metalake"/>
    public static EntityKey ModelVersion(string metalake, string catalog, string schema, string model, int version) =>
        Of(EntityKind.ModelVersion, NameIdentifier.Of(metalake, catalog, schema, model, version.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <inheritdoc cref="Metalake"/>
    public static EntityKey Tag(string metalake, string tag) => Of(EntityKind.Tag, NameIdentifier.Of(metalake, tag));

    /// <inheritdoc cref="Metalake"/>
    public static EntityKey Policy(string metalake, string policy) => Of(EntityKind.Policy, NameIdentifier.Of(metalake, policy));

    /// <summary>True when this key is <paramref name="other"/> or one of its ancestors (compared level by level, so <c>cat1</c> is no prefix of <c>cat10</c>).</summary>
    public bool IsSelfOrAncestorOf(EntityKey other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Kind == EntityKind.Root || Identifier.IsPrefixOf(other.Identifier);
    }

    /// <summary>True for kinds that hold an index of children (metalake, catalog, schema, model).</summary>
    public bool IsContainer => EntityHierarchy.IsContainer(Kind);

    /// <summary>The key of the parent container; the root for a metalake.</summary>
    /// <exception cref="InvalidOperationException">This is the root.</exception>
    public EntityKey Parent => Kind == EntityKind.Root
        ? throw new InvalidOperationException("The root has no parent.")
        : new EntityKey(EntityHierarchy.ParentKind(Kind), Identifier.Namespace, validated: true);

    /// <summary>The key of a child of this container.</summary>
    /// <exception cref="InvalidNameException">The child kind cannot live here or its name breaks a rule.</exception>
    public EntityKey Child(EntityKind kind, string name)
    {
        if (kind == EntityKind.Root || EntityHierarchy.ParentKind(kind) != Kind)
        {
            throw new InvalidNameException(
                Identifier.Child(name).ToString(),
                "kind",
                $"a {EntityKindTokens.ToToken(Kind)} cannot contain a {EntityKindTokens.ToToken(kind)}");
        }

        return Of(kind, Identifier.Child(name));
    }

    /// <summary>This key with the entity's own name replaced (a rename keeps the namespace).</summary>
    /// <exception cref="InvalidNameException">The new name breaks the rule for this kind.</exception>
    public EntityKey WithName(string name) => Of(Kind, Identifier.WithName(name));

    /// <summary>
    /// This key with its namespace levels taken from <paramref name="pool"/> (see
    /// <see cref="NameIdentifier.ShareStrings"/>): equal to this one, and this very instance when
    /// nothing changes. For keys held by the thousand: a table's metalake, catalog and schema names.
    /// </summary>
    public EntityKey ShareStrings(StringPool pool)
    {
        var identifier = Identifier.ShareStrings(pool);
        return ReferenceEquals(identifier, Identifier) ? this : new EntityKey(Kind, identifier, validated: true);
    }

    /// <summary>The grain key text: <c>kind/identifier</c>.</summary>
    public string ToGrainKey() => $"{EntityKindTokens.ToToken(Kind)}{KindSeparator}{Identifier}";

    /// <summary>Parses a grain key produced by <see cref="ToGrainKey"/>, applying every naming rule.</summary>
    /// <exception cref="InvalidNameException">The text is not a valid key.</exception>
    public static EntityKey ParseGrainKey(string grainKey)
    {
        ArgumentNullException.ThrowIfNull(grainKey);
        var at = grainKey.IndexOf(KindSeparator, StringComparison.Ordinal);
        if (at < 0 || !EntityKindTokens.TryParse(grainKey[..at], out var kind))
        {
            throw new InvalidNameException(grainKey, "key", "a key is 'kind/identifier' with a known kind");
        }

        var identifier = grainKey[(at + 1)..];
        return kind == EntityKind.Root && identifier.Length == 0 ? Root : Of(kind, identifier);
    }

    /// <summary>The key as <c>kind identifier</c>, for messages.</summary>
    public override string ToString() => $"{EntityKindTokens.ToToken(Kind)} '{Identifier}'";
}
