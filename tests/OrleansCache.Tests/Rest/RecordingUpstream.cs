using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OrleansCache.Tests.Rest;

/// <summary>One request as the upstream received it.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// A stand-in Gravitino server started by the test on a free loopback port: it records every request
/// and answers GETs with 200 for the credential <see cref="Allowed"/> and Gravitino's 403 for any
/// other; anything else gets 201 with a marker header and body.
/// </summary>
public sealed class RecordingUpstream : IAsyncDisposable
{
    public const string Allowed = "Bearer good-token";
    public const string ForbiddenBody = "{\"code\":1008,\"type\":\"ForbiddenException\",\"message\":\"denied by upstream\"}";
    public const string WriteBody = "{\"code\":0,\"upstream\":\"wrote it\"}";

    private readonly WebApplication _app;

    private RecordingUpstream(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public string Address => $"http://127.0.0.1:{Port}";

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static async Task<RecordingUpstream> StartAsync()
    {
        var port = RedisServer.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, port));
        var app = builder.Build();
        var upstream = new RecordingUpstream(app, port);
        app.Run(upstream.HandleAsync);
        await app.StartAsync();
        return upstream;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        Requests.Enqueue(new RecordedRequest(
            context.Request.Method,
            context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent(),
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body));
        context.Response.ContentType = "application/json";
        if (HttpMethods.IsGet(context.Request.Method))
        {
            var allowed = context.Request.Headers.Authorization == Allowed;
            context.Response.StatusCode = allowed ? StatusCodes.Status200OK : StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync(allowed ? "{\"code\":0}" : ForbiddenBody);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status201Created;
        context.Response.Headers["X-Upstream"] = "yes";
        await context.Response.WriteAsync(WriteBody);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
