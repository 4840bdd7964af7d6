using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OrleansCache.Tests.Infrastructure;
using OrleansCache.Tests.Silo;

namespace OrleansCache.Tests.Rest;

/// <summary>
/// The REST port opened to the network on purpose: anonymous reads allowed explicitly (and said
/// loudly, once), and the production shape, HTTPS from a certificate file with tokens checked against
/// an identity provider's JWKS endpoint (a small server the test runs on loopback).
/// </summary>
[Collection(SiloProcessCollection.Name)]
[Trait("Category", "Process")]
public sealed class RestExposureTests
{
    [Fact]
    public async Task Allow_anonymous_serves_the_network_without_credentials_and_warns_once()
    {
        await using var rest = await RestSilo.StartAsync("--OrleansCache:Rest:ListenAddress=*", "--OrleansCache:Rest:AllowAnonymous=true");
        var table = await rest.Catalog.CreateTableAsync();

        using var served = await rest.Http.GetAsync(RestCalls.Path(table));

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        await Eventually.True(() => rest.Silo.Output.Contains("INSECURE REST API", StringComparison.Ordinal), "the warning is logged");
        Assert.Single(rest.Silo.Output.Split("INSECURE REST API")[1..]);
        Assert.Contains("OrleansCache:Rest:AllowAnonymous=true", rest.Silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_from_a_certificate_file_serves_tokens_verified_against_a_jwks_endpoint()
    {
        using var certificates = new ClusterCertificates();
        using var tokens = new TestTokens();
        await using var jwks = await JwksEndpoint.StartAsync(tokens.Jwks);
        await using var rest = await RestSilo.StartAsync(
            "--OrleansCache:Rest:ListenAddress=127.0.0.1",
            "--OrleansCache:Rest:Authenticators=oauth",
            $"--OrleansCache:Rest:OAuth:JwksUri={jwks.Address}",
            $"--OrleansCache:Rest:OAuth:Audience={TestTokens.Audience}",
            $"--OrleansCache:Rest:Tls:CertificatePath={certificates.ClusterPfx}",
            $"--OrleansCache:Rest:Tls:CertificatePassword={ClusterCertificates.Password}");
        var table = await rest.Catalog.CreateTableAsync();
        using var trusted = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(certificates.ClusterCer);
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == trusted.Thumbprint,
        };
        using var https = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{rest.Port}/api/") };
        https.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.gravitino.v1+json"));

        using var served = await SendAsync(https, RestCalls.Path(table), "Bearer " + tokens.Create("alice", TimeSpan.FromMinutes(5)));
        using var stranger = await SendAsync(https, RestCalls.Path(table), "Bearer " + tokens.Create("alice", TimeSpan.FromMinutes(5), signedByStranger: true));

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stranger.StatusCode);
        Assert.Equal(1011, (await RestCalls.ParseAsync(stranger)).GetProperty("code").GetInt32());
        Assert.True(jwks.Requests > 0);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => rest.Http.GetAsync(RestCalls.Path(table)));
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, string path, string authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return http.SendAsync(request);
    }

    /// <summary>An identity provider's JWKS endpoint, served by the test on a free loopback port.</summary>
    private sealed class JwksEndpoint : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _requests;

        private JwksEndpoint(WebApplication app, string address)
        {
            _app = app;
            Address = address;
        }

        public string Address { get; }

        public int Requests => Volatile.Read(ref _requests);

        public static async Task<JwksEndpoint> StartAsync(string jwks)
        {
            var port = RedisServer.FreePort();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
            var app = builder.Build();
            var endpoint = new JwksEndpoint(app, $"http://127.0.0.1:{port}/keys");
            app.Run(async context =>
            {
                Interlocked.Increment(ref endpoint._requests);
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(jwks);
            });
            await app.StartAsync();
            return endpoint;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
