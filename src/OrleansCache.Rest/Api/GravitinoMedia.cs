using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace OrleansCache.Rest.Api;

/// <summary>
/// Gravitino's API versioning by media type, as its server's VersioningFilter applies it: the first
/// <c>application/vnd.gravitino.vN+json</c> in <c>Accept</c> (else in <c>Content-Type</c>) names the
/// version; none means the default (v1); an unsupported one is refused with 406 "Unsupported version".
/// </summary>
internal static partial class GravitinoMedia
{
    /// <summary>The content type Gravitino's server answers with.</summary>
    public const string Json = "application/json";

    /// <summary>The media type of version 1, which clients send in <c>Accept</c>.</summary>
    public const string V1 = "application/vnd.gravitino.v1+json";

    /// <summary>
    /// How bodies are written: only what JSON requires is escaped (as Jackson writes Gravitino's), not
    /// the HTML-sensitive characters a browser page would need escaped.
    /// </summary>
    public static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The only version this API speaks.</summary>
    public const int SupportedVersion = 1;

    /// <summary>The version the request asks for (1 when it names none).</summary>
    public static int RequestedVersion(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var accept in request.Headers.Accept)
        {
            if (VersionIn(accept) is { } version)
            {
                return version;
            }
        }

        return VersionIn(request.ContentType) ?? SupportedVersion;
    }

    /// <summary>Refuses the request as Gravitino does when it asks for a version other than 1; true when refused.</summary>
    public static async Task<bool> RefuseUnsupportedAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (RequestedVersion(context.Request) == SupportedVersion)
        {
            return false;
        }

        context.Response.StatusCode = StatusCodes.Status406NotAcceptable;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync("Unsupported version", context.RequestAborted);
        return true;
    }

    private static int? VersionIn(string? value)
    {
        if (value is null || VersionPattern().Match(value) is not { Success: true } match)
        {
            return null;
        }

        return int.TryParse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture, out var version) ? version : int.MaxValue;
    }

    [GeneratedRegex(@"application/vnd\.gravitino\.v(\d+)\+json")]
    private static partial Regex VersionPattern();
}
