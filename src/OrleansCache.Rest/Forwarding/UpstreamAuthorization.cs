using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OrleansCache.Rest.Api;
using OrleansCache.Rest.Providers;

namespace OrleansCache.Rest.Forwarding;

/// <summary>
/// With <see cref="RestApiOptions.RequireAuth"/>: serves a cached read only to a request the upstream
/// Gravitino server accepts. The upstream is asked the same GET with the request's own credentials
/// (<c>Authorization</c>, <c>Cookie</c>); anything but a 2xx answer is relayed to the client as the
/// upstream gave it, and nothing cached is sent. A "yes" is reused for the same credential and path for
/// <see cref="RestApiOptions.AuthCheckTtl"/>, never past a bearer token's own expiry; a bearer JWT
/// whose <c>exp</c> has passed is refused here without asking.
/// </summary>
/// <remarks>
/// What this check leaves to the upstream: whether a user or its privileges still exist (Gravitino's
/// authorization), Kerberos tickets, and, unless the oauth mode is on locally
/// (<see cref="RestApiOptions.Authenticators"/>, checked first by <c>Security.RestAuthentication</c>),
/// the signatures of OAuth tokens. All of these are the upstream's answer, at most
/// <see cref="RestApiOptions.AuthCheckTtl"/> old.
/// </remarks>
internal sealed class UpstreamAuthorization(UpstreamForwarder upstream, IOptions<RestApiOptions> options, TimeProvider time)
{
    private const int MaxRemembered = 100_000;
    private readonly RestApiOptions _options = options.Value;
    private readonly ConcurrentDictionary<(string Credential, string Path), DateTimeOffset> _allowed = new();

    /// <summary>True when the request may be served from the cache; otherwise the refusal has been written.</summary>
    /// <param name="context">The request.</param>
    /// <param name="checkedPath">The upstream path whose access stands for this request's (the request's own for a read).</param>
    public async Task<bool> AuthorizeAsync(HttpContext context, string checkedPath)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = time.GetUtcNow();
        var credential = context.Request.Headers.Authorization.ToString();
        var expiry = BearerExpiry(credential);
        if (expiry <= now)
        {
            await GravitinoError.Unauthorized("The bearer token has expired.").WriteAsync(context);
            return false;
        }

        var key = (credential + "\n" + context.Request.Headers.Cookie, checkedPath);
        if (_allowed.TryGetValue(key, out var until) && until > now)
        {
            return true;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, upstream.Upstream + checkedPath);
        foreach (var header in new[] { "Authorization", "Cookie", "Accept" })
        {
            if (context.Request.Headers.TryGetValue(header, out var values))
            {
                request.Headers.TryAddWithoutValidation(header, (IEnumerable<string?>)values);
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        HttpResponseMessage answer;
        try
        {
            answer = await upstream.Invoker.SendAsync(request, timeout.Token);
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is OperationCanceledException && !context.RequestAborted.IsCancellationRequested))
        {
            await GravitinoError.ConnectionFailed($"The upstream Gravitino server {upstream.Upstream} could not check the request's credentials: {exception.Message}").WriteAsync(context);
            return false;
        }

        using (answer)
        {
            if (answer.IsSuccessStatusCode)
            {
                Remember(key, now, expiry);
                return true;
            }

            await RelayAsync(context, answer);
            return false;
        }
    }

    private void Remember((string, string) key, DateTimeOffset now, DateTimeOffset? expiry)
    {
        if (_options.AuthCheckTtl <= TimeSpan.Zero)
        {
            return;
        }

        if (_allowed.Count >= MaxRemembered)
        {
            _allowed.Clear();
        }

        var until = now + _options.AuthCheckTtl;
        _allowed[key] = expiry is { } end && end < until ? end : until;
    }

    private static async Task RelayAsync(HttpContext context, HttpResponseMessage answer)
    {
        context.Response.StatusCode = (int)answer.StatusCode;
        if (answer.Content.Headers.ContentType is { } type)
        {
            context.Response.ContentType = type.ToString();
        }

        if (answer.Headers.WwwAuthenticate.Count > 0)
        {
            context.Response.Headers.WWWAuthenticate = answer.Headers.WwwAuthenticate.ToString();
        }

        await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    /// <summary>The <c>exp</c> of a bearer JWT; null for anything else (an opaque token, Basic, none).</summary>
    internal static DateTimeOffset? BearerExpiry(string authorization)
    {
        const string bearer = "Bearer ";
        if (!authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var parts = authorization[bearer.Length..].Trim().Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            using var claims = JsonDocument.Parse(Convert.FromBase64String(payload));
            return claims.RootElement.ValueKind == JsonValueKind.Object
                && claims.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds)
                    ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                    : null;
        }
        catch (Exception exception) when (exception is FormatException or JsonException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
