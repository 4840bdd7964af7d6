using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OrleansCache.Rest.ChangeFeed;
using OrleansCache.Rest.Diagnostics;
using OrleansCache.Rest.Forwarding;
using OrleansCache.Rest.Security;

namespace OrleansCache.Rest.Api;

/// <summary>
/// Every request on the REST port: checks its credential (<see cref="RestAuthentication"/>; a refusal
/// ends it), refuses unsupported API versions as Gravitino does, serves the
/// read paths the cache knows (after the upstream's credential check when required), and forwards
/// everything else to the upstream Gravitino server, or refuses it with Gravitino's "unsupported
/// operation" error when there is none.
/// </summary>
internal sealed partial class RestDispatcher(
    ReadApi reads,
    ChangeFeedEndpoint changes,
    ILogger<RestDispatcher> logger,
    RestAuthentication authentication,
    TimeProvider time,
    UpstreamForwarder? upstream = null,
    UpstreamAuthorization? authorization = null)
{
    private const string ApiPrefix = "/api";
    private const string VersionPath = ApiPrefix + "/version";
    private static readonly byte[] CredentialExpired = System.Text.Encoding.UTF8.GetBytes(": the credential expired; reconnect with a new one\n\n");

    /// <summary>Handles one request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var handling = await DispatchAsync(context);
        RestMetrics.Answered(started, handling, context.Response.StatusCode);
    }

    /// <summary>Answers the request; returns how it was handled (for the request instrument).</summary>
    private async Task<string> DispatchAsync(HttpContext context)
    {
        try
        {
            // Before anything else, as Gravitino's filter: a refused request learns nothing, not even the API version.
            if (await authentication.AuthenticateAsync(context) is not { } caller)
            {
                return "refused";
            }

            if (await GravitinoMedia.RefuseUnsupportedAsync(context))
            {
                return "version";
            }

            if (upstream is null && HttpMethods.IsGet(context.Request.Method) && context.Request.Path == VersionPath)
            {
                // Gravitino's clients ask for the server version before anything else.
                await reads.WriteVersionAsync(context);
                return "read";
            }

            var route = Served(context.Request);
            if (route is null)
            {
                return await NotServedAsync(context);
            }

            if (authorization is not null)
            {
                // The feed's events name entities without their content: who may load the metalake may follow it.
                var checkedPath = route.Action == RouteAction.Changes
                    ? $"{ApiPrefix}/metalakes/{Uri.EscapeDataString(route.Levels[0])}"
                    : context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent();
                if (!await authorization.AuthorizeAsync(context, checkedPath))
                {
                    return "refused";
                }
            }

            if (route.Action == RouteAction.Changes)
            {
                await ServeFeedAsync(context, route, caller);
                return "feed";
            }

            await reads.ServeAsync(context, route);
            return "read";
        }
        catch (Exception exception) when (!context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted)
        {
            LogFailed(logger, exception, context.Request.Method, context.Request.Path);
            await GravitinoError.Internal($"Failed to serve {context.Request.Method} {context.Request.Path}: {exception.Message}").WriteAsync(context);
            return "error";
        }
    }

    /// <summary>The change feed, ended when the credential it was opened with expires.</summary>
    private async Task ServeFeedAsync(HttpContext context, ApiRoute route, RestCaller caller)
    {
        if (caller.Expires is null && authorization is not null)
        {
            // Checked by the upstream only: its "yes" holds no longer than the bearer token's own expiry.
            caller = caller with { Expires = UpstreamAuthorization.BearerExpiry(context.Request.Headers.Authorization.ToString()) };
        }

        var readerLeft = context.RequestAborted;
        using var lifetime = CredentialLifetime.Bind(context, caller, time);
        await changes.ServeAsync(context, route);
        if (lifetime.Expired && context.Response.HasStarted)
        {
            await context.Response.Body.WriteAsync(CredentialExpired, readerLeft);
        }
    }

    private static ApiRoute? Served(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        return HttpMethods.IsGet(request.Method) && path.StartsWith(ApiPrefix + "/", StringComparison.Ordinal)
            ? ApiRoute.Parse(path[ApiPrefix.Length..])
            : null;
    }

    private async Task<string> NotServedAsync(HttpContext context)
    {
        if (upstream is not null)
        {
            await upstream.ForwardAsync(context);
            return "forwarded";
        }

        await GravitinoError.Unsupported(
            $"{context.Request.Method} {context.Request.Path} is not served by the OrleansCache read API and no upstream Gravitino server is configured (OrleansCache:Rest:Upstream).")
            .WriteAsync(context);
        return "unsupported";
    }

    [LoggerMessage(1, LogLevel.Error, "The REST API failed to serve {Method} {Path}.")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, PathString path);
}
