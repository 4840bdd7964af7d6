using System.Net;
using System.Text;
using OrleansCache.Client;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Rest;

/// <summary>
/// A silo whose REST API has an upstream Gravitino server (started by the test, recording what it
/// receives) and <c>RequireAuth</c> on: writes and unserved paths reach the upstream unchanged, and a
/// cached entity is served only to credentials the upstream accepts.
/// </summary>
public sealed class UpstreamFixture : IAsyncLifetime
{
    private RestSilo? _rest;

    public RecordingUpstream Upstream { get; private set; } = default!;

    public IOrleansCacheClient Catalog => _rest!.Catalog;

    public HttpClient Http => _rest!.Http;

    public async Task InitializeAsync()
    {
        Upstream = await RecordingUpstream.StartAsync();
        _rest = await RestSilo.StartAsync(
            $"--OrleansCache:Rest:Upstream={Upstream.Address}",
            "--OrleansCache:Rest:RequireAuth=true",
            "--OrleansCache:Rest:AuthCheckTtl=00:01:00");
    }

    public async Task DisposeAsync()
    {
        if (_rest is not null)
        {
            await _rest.DisposeAsync();
        }

        if (Upstream is not null)
        {
            await Upstream.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class UpstreamCollection : ICollectionFixture<UpstreamFixture>
{
    public const string Name = "rest-upstream";
}

[Collection(UpstreamCollection.Name)]
[Trait("Category", "Process")]
public sealed class UpstreamTests(UpstreamFixture fixture)
{
    [Fact]
    public async Task A_write_reaches_the_upstream_unchanged_and_its_answer_comes_back_unchanged()
    {
        const string body = "{\"name\":\"lake_from_client\",\"comment\":\"é\",\"properties\":{}}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "metalakes?trace=1&x=a%20b")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/vnd.gravitino.v1+json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer some-token");
        request.Headers.Add("X-Custom", "kept");

        using var response = await fixture.Http.SendAsync(request);
        var recorded = fixture.Upstream.Requests.Last(r => r.Method == "POST");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(RecordingUpstream.WriteBody, await response.Content.ReadAsStringAsync());
        Assert.Equal("yes", response.Headers.GetValues("X-Upstream").Single());
        Assert.Equal("/api/metalakes?trace=1&x=a%20b", recorded.PathAndQuery);
        Assert.Equal(body, recorded.Body);
        Assert.Equal("Bearer some-token", recorded.Headers["Authorization"]);
        Assert.Equal("kept", recorded.Headers["X-Custom"]);
        Assert.Equal("application/vnd.gravitino.v1+json", recorded.Headers["Accept"]);
        Assert.StartsWith("application/vnd.gravitino.v1+json", recorded.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.False(recorded.Headers.ContainsKey("X-Forwarded-For"));
    }

    [Theory]
    [InlineData("metalakes/lake/objects/table/a.b.c/tags")]
    [InlineData("version")]
    public async Task A_read_the_cache_does_not_serve_is_forwarded(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", RecordingUpstream.Allowed);

        using var response = await fixture.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(fixture.Upstream.Requests, r => r.Method == "GET" && r.PathAndQuery == "/api/" + path);
    }

    [Fact]
    public async Task A_cached_entity_is_served_only_to_credentials_the_upstream_accepts()
    {
        var table = await fixture.Catalog.CreateTableAsync();
        var path = RestCalls.Path(table);

        using var allowed = await GetAsync(path, RecordingUpstream.Allowed);
        var checks = fixture.Upstream.Requests.Count(r => r.PathAndQuery == "/api/" + path);
        using var allowedAgain = await GetAsync(path, RecordingUpstream.Allowed);
        var checksAfter = fixture.Upstream.Requests.Count(r => r.PathAndQuery == "/api/" + path);
        using var refused = await GetAsync(path, "Bearer someone-else");
        using var anonymous = await GetAsync(path, null);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("t", (await RestCalls.ParseAsync(allowed)).GetProperty("table").GetProperty("name").GetString());
        Assert.Equal(1, checks);
        Assert.Equal(HttpStatusCode.OK, allowedAgain.StatusCode);
        Assert.Equal(checks, checksAfter);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(RecordingUpstream.ForbiddenBody, await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, anonymous.StatusCode);
        Assert.DoesNotContain("\"table\"", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_bearer_token_is_refused_without_asking_the_upstream()
    {
        var table = await fixture.Catalog.CreateTableAsync();
        var path = RestCalls.Path(table);
        var claims = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"sub\":\"a\",\"exp\":1000}")).TrimEnd('=');

        using var response = await GetAsync(path, $"Bearer eyJhbGciOiJub25lIn0.{claims}.sig");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await RestCalls.ParseAsync(response);
        Assert.Equal(1011, body.GetProperty("code").GetInt32());
        Assert.Equal("UnauthorizedException", body.GetProperty("type").GetString());
        // No route of Gravitino's OpenAPI files documents a 401: its ErrorModel is the contract.
        Assert.Empty(OpenApi.ResponseConformance.Violations(OpenApi.GravitinoOpenApi.Vendored.ComponentSchema("openapi.yaml", "ErrorModel"), body));
        Assert.DoesNotContain(fixture.Upstream.Requests, r => r.PathAndQuery == "/api/" + path);
    }

    [Fact]
    public async Task The_change_feed_follows_the_upstreams_answer_for_its_metalake()
    {
        var table = await fixture.Catalog.CreateTableAsync();
        var lake = table.Identifier.Levels[0];

        using var refused = await GetAsync($"metalakes/{lake}/changes", "Bearer someone-else");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains(fixture.Upstream.Requests, r => r.PathAndQuery == $"/api/metalakes/{lake}");
    }

    private Task<HttpResponseMessage> GetAsync(string path, string? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return fixture.Http.SendAsync(request);
    }
}
