using System.Collections.Immutable;
using System.Text;
using OrleansCache.Entities;

namespace OrleansCache.Naming;

/// <summary>
/// The name of a catalog entity: its namespace levels followed by its own name, written joined by
/// <c>.</c> (for example <c>lake.sales.orders.items</c>). Because levels are joined by <c>.</c>, no
/// level may contain one.
/// </summary>
/// <remarks>
/// A <see cref="NameIdentifier"/> only guarantees the structural rules (no empty level, no <c>.</c>
/// inside a level). The per-kind rules (depth, allowed characters, reserved names) are applied by
/// <see cref="EntityKey"/>, which is what every operation takes.
/// </remarks>
[GenerateSerializer, Immutable, Alias("oc.NameIdentifier")]
public sealed class NameIdentifier : IEquatable<NameIdentifier>
{
    private const char Separator = '.';

    [Id(0)]
    private readonly ImmutableArray<string> _levels;

    // Identifiers are hashed on every near-cache lookup: compute once. 0 means "not yet"; a real
    // hash of 0 is simply recomputed each time. Not serialized (Orleans bypasses constructors).
    [NonSerialized]
    private int _hash;

    private NameIdentifier(ImmutableArray<string> levels) => _levels = levels;

    /// <summary>The identifier of the hidden root (no levels).</summary>
    public static NameIdentifier Root { get; } = new([]);

    /// <summary>All levels, namespace first and the entity's own name last.</summary>
    public ImmutableArray<string> Levels => _levels.IsDefault ? [] : _levels;

    /// <summary>The number of levels (1 for a metalake, 4 for a table).</summary>
    public int Depth => Levels.Length;

    /// <summary>The entity's own name (the last level).</summary>
    /// <exception cref="InvalidOperationException">This is the root, which has no name.</exception>
    public string Name => Depth > 0 ? Levels[^1] : throw new InvalidOperationException("The root has no name.");

    /// <summary>The namespace: every level but the last. The root's namespace is the root.</summary>
    public NameIdentifier Namespace => Depth > 0 ? new NameIdentifier(Levels.RemoveAt(Depth - 1)) : this;

    /// <summary>Creates an identifier from its levels.</summary>
    /// <exception cref="Errors.InvalidNameException">A level is empty, blank or contains a <c>.</c>.</exception>
    public static NameIdentifier Of(params string[] levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var builder = ImmutableArray.CreateBuilder<string>(levels.Length);
        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            if (string.IsNullOrWhiteSpace(level))
            {
                throw new Errors.InvalidNameException(string.Join(Separator, levels), $"level {i + 1}", "a level must not be empty");
            }

            if (level.Contains(Separator, StringComparison.Ordinal))
            {
                throw new Errors.InvalidNameException(string.Join(Separator, levels), $"level {i + 1}", "a level must not contain '.'");
            }

            builder.Add(level);
        }

        return new NameIdentifier(builder.MoveToImmutable());
    }

    /// <summary>Parses the dotted form, for example <c>lake.sales.orders</c>.</summary>
    /// <exception cref="Errors.InvalidNameException">The text is empty or has an empty level.</exception>
    public static NameIdentifier Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            throw new Errors.InvalidNameException(text, "identifier", "an identifier must not be empty");
        }

        return Of(text.Split(Separator));
    }

    /// <summary>Returns the identifier of a child with the given name under this one.</summary>
    /// <exception cref="Errors.InvalidNameException">The name is empty or contains a <c>.</c>.</exception>
    public NameIdentifier Child(string name) => Of([.. Levels, name]);

    /// <summary>Returns this identifier with its last level replaced by <paramref name="name"/>.</summary>
    public NameIdentifier WithName(string name) => Namespace.Child(name);

    /// <summary>
    /// Returns this identifier with the prefix <paramref name="from"/> replaced by <paramref name="to"/>;
    /// used when a container is renamed and its subtree moves with it.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="from"/> is not a prefix of this identifier.</exception>
    public NameIdentifier Rebase(NameIdentifier from, NameIdentifier to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (!from.IsPrefixOf(this))
        {
            throw new ArgumentException($"'{from}' is not a prefix of '{this}'.", nameof(from));
        }

        return new NameIdentifier(to.Levels.AddRange(Levels.Skip(from.Depth)));
    }

    /// <summary>
    /// This identifier with its namespace levels taken from <paramref name="pool"/> (the entity's own
    /// name, usually unique, is kept as it is): equal to this one, and this very instance when every
    /// namespace level already is the pool's.
    /// </summary>
    public NameIdentifier ShareStrings(StringPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var levels = Levels;
        ImmutableArray<string>.Builder? shared = null;
        for (var i = 0; i < levels.Length - 1; i++)
        {
            var level = pool.Share(levels[i]);
            if (shared is null && !ReferenceEquals(level, levels[i]))
            {
                shared = ImmutableArray.CreateBuilder<string>(levels.Length);
                shared.AddRange(levels, i);
            }

            shared?.Add(level);
        }

        if (shared is null)
        {
            return this;
        }

        shared.Add(levels[^1]);
        return new NameIdentifier(shared.MoveToImmutable());
    }

    /// <summary>
    /// True when this identifier is <paramref name="other"/> or one of its ancestors, compared level by
    /// level: <c>lake.cat1</c> is a prefix of <c>lake.cat1.s</c> but not of <c>lake.cat10</c>.
    /// </summary>
    public bool IsPrefixOf(NameIdentifier other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Depth < Depth)
        {
            return false;
        }

        for (var i = 0; i < Depth; i++)
        {
            if (!string.Equals(Levels[i], other.Levels[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public bool Equals(NameIdentifier? other) =>
        ReferenceEquals(this, other)
        || (other is not null && Depth == other.Depth && GetHashCode() == other.GetHashCode() && IsPrefixOf(other));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as NameIdentifier);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        if (_hash != 0)
        {
            return _hash;
        }

        var hash = new HashCode();
        foreach (var level in Levels)
        {
            hash.Add(level, StringComparer.Ordinal);
        }

        return _hash = hash.ToHashCode();
    }

    /// <summary>The dotted form; the root is the empty string.</summary>
    public override string ToString()
    {
        if (Depth == 0)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        foreach (var level in Levels)
        {
            if (builder.Length > 0)
            {
                builder.Append(Separator);
            }

            builder.Append(level);
        }

        return builder.ToString();
    }

    /// <summary>Equality by levels.</summary>
    public static bool operator ==(NameIdentifier? left, NameIdentifier? right) =>
        left is null ? right is null : left.Equals(right);

    /// <summary>Inequality by levels.</summary>
    public static bool operator !=(NameIdentifier? left, NameIdentifier? right) => !(left == right);
}
