using System.Collections.Immutable;
using OrleansCache.Entities;
using OrleansCache.Naming;

namespace OrleansCache.ClientSample.Input;

/// <summary>Parses the small text forms the commands accept: kinds, <c>key=value</c> and <c>name:type</c>.</summary>
internal static class Tokens
{
    /// <summary>Every kind a client can address, as its token (for help texts and errors).</summary>
    public static string AddressableKinds { get; } = string.Join(
        ", ",
        Enum.GetValues<EntityKind>().Where(kind => kind != EntityKind.Root).Select(EntityKindTokens.ToToken));

    /// <summary>Parses a kind token (<c>table</c>, <c>model_version</c>, <c>root</c>…).</summary>
    /// <exception cref="UsageException">The token names no kind.</exception>
    public static EntityKind Kind(string token) => EntityKindTokens.TryParse(token, out var kind)
        ? kind
        : throw new UsageException($"unknown kind '{token}'; one of: {AddressableKinds} (and root for list).");

    /// <summary>Parses repeated <c>key=value</c> pairs; a later value for the same key wins.</summary>
    /// <exception cref="UsageException">A pair has no <c>=</c> or an empty key.</exception>
    public static ImmutableDictionary<string, string> Properties(IEnumerable<string>? pairs, string option)
    {
        var properties = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs ?? [])
        {
            var (key, value) = KeyValue(pair, option);
            properties[key] = value;
        }

        return properties.ToImmutable();
    }

    /// <summary>Parses one <c>key=value</c> (split at the first <c>=</c>, so values may contain it).</summary>
    /// <exception cref="UsageException">There is no <c>=</c> or the key is empty.</exception>
    public static (string Key, string Value) KeyValue(string pair, string option)
    {
        var at = pair.IndexOf('=', StringComparison.Ordinal);
        return at <= 0
            ? throw new UsageException($"{option} '{pair}' is not key=value.")
            : (pair[..at], pair[(at + 1)..]);
    }

    /// <summary>Parses repeated <c>name:type</c> columns, in order.</summary>
    /// <exception cref="UsageException">A column has no <c>:</c>, an empty name or an empty type.</exception>
    public static ImmutableArray<Column> Columns(IEnumerable<string>? specs, string option) =>
        [.. (specs ?? []).Select(spec => Column(spec, option))];

    /// <summary>
    /// Parses one <c>name:type</c>, split at the first <c>:</c> so that types such as
    /// <c>struct&lt;a:int&gt;</c> keep theirs.
    /// </summary>
    /// <exception cref="UsageException">There is no <c>:</c>, or the name or the type is empty.</exception>
    public static Column Column(string spec, string option)
    {
        var at = spec.IndexOf(':', StringComparison.Ordinal);
        if (at <= 0 || at == spec.Length - 1)
        {
            throw new UsageException($"{option} '{spec}' is not name:type (for example id:bigint).");
        }

        return new Column { Name = spec[..at], DataType = spec[(at + 1)..] };
    }
}
