using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using OrleansCache.Entities;
using OrleansCache.Naming;

namespace OrleansCache.Rest.Api;

/// <summary>
/// Entity tags for conditional reads. An entity's tag is its version (a model's adds its
/// <c>latestVersion</c>, which moves when versions are linked without the model changing): versions
/// only grow, across drops, re-creates and renames, so a tag never comes back with other content. A
/// list's tag is a digest of the list as sent, since a container's own version does not move when
/// children come and go or change.
/// </summary>
internal static class EntityTags
{
    /// <summary>The tag of an entity response.</summary>
    public static string ForEntity(EntityRecord record, int latestModelVersion) =>
        record.Key.Kind == EntityKind.Model ? $"\"{record.Version}.{latestModelVersion}\"" : $"\"{record.Version}\"";

    /// <summary>The tag of a list response: a digest of its body.</summary>
    public static string ForList(ReadOnlySpan<byte> body)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, digest);
        return $"\"l-{Convert.ToHexStringLower(digest[..12])}\"";
    }

    /// <summary>
    /// True when the request's <c>If-None-Match</c> names <paramref name="tag"/> (weak comparison, as
    /// RFC 9110 asks for this header) or is <c>*</c>: the client's copy is current.
    /// </summary>
    public static bool Matches(HttpRequest request, string tag)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0)
        {
            return false;
        }

        if (!EntityTagHeaderValue.TryParseList(header, out var tags))
        {
            return false;
        }

        var current = new EntityTagHeaderValue(tag);
        return tags.Any(candidate => candidate.Equals(EntityTagHeaderValue.Any) || candidate.Compare(current, useStrongComparison: false));
    }
}
