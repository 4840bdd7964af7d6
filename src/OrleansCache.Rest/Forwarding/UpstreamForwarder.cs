using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OrleansCache.Rest.Api;
using OrleansCache.Rest.Providers;
using Yarp.ReverseProxy.Forwarder;

namespace OrleansCache.Rest.Forwarding;

/// <summary>
/// Sends a request the cache does not serve to the Gravitino server named by
/// <see cref="RestApiOptions.Upstream"/>, unchanged (YARP's forwarder with no transforms: method,
/// path, query, headers, credentials and body as received; hop-by-hop headers dropped and
/// <c>Host</c> set to the upstream's, as any HTTP proxy does), and relays its answer unchanged.
/// </summary>
internal sealed class UpstreamForwarder : IDisposable
{
    private readonly IHttpForwarder _forwarder;
    private readonly string _upstream;

    public UpstreamForwarder(IHttpForwarder forwarder, IOptions<RestApiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _forwarder = forwarder;
        _upstream = options.Value.Upstream?.TrimEnd('/') ?? throw new InvalidOperationException($"{RestApiOptions.SectionName}:Upstream is not set.");
        Invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ActivityHeadersPropagator = null,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        });
    }

    /// <summary>The upstream's base address, without a trailing slash.</summary>
    public string Upstream => _upstream;

    /// <summary>The connection pool to the upstream, shared with the credential checks.</summary>
    public HttpMessageInvoker Invoker { get; }

    /// <summary>Forwards the request; when the upstream cannot be reached, answers with Gravitino's 502 "connection failed".</summary>
    public async Task ForwardAsync(HttpContext context)
    {
        var error = await _forwarder.SendAsync(context, _upstream, Invoker, ForwarderRequestConfig.Empty, HttpTransformer.Empty);
        if (error != ForwarderError.None && !context.Response.HasStarted)
        {
            await GravitinoError.ConnectionFailed($"The upstream Gravitino server {_upstream} could not be reached ({error}).").WriteAsync(context);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Invoker.Dispose();
}
