using System.Net;
using System.Net.Http.Headers;
using System.Text;
using OrleansCache.Client;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Rest;

/// <summary>
/// A silo whose REST API listens on every address with Gravitino's oauth and simple modes checked by
/// the cache itself: tokens signed by the test's key (a PEM file), for the test's audience and issuer.
/// </summary>
public sealed class OAuthRestFixture : IAsyncLifetime
{
    private RestSilo? _rest;

    public TestTokens Tokens { get; } = new();

    public IOrleansCacheClient Catalog => _rest!.Catalog;

    public HttpClient Http => _rest!.Http;

    public SiloProcess Silo => _rest!.Silo;

    public async Task InitializeAsync() => _rest = await RestSilo.StartAsync(
        "--OrleansCache:Rest:ListenAddress=*",
        "--OrleansCache:Rest:Authenticators=oauth,simple",
        $"--OrleansCache:Rest:OAuth:SigningKeyPath={Tokens.PublicKeyPem}",
        $"--OrleansCache:Rest:OAuth:Audience={TestTokens.Audience}",
        $"--OrleansCache:Rest:OAuth:Issuer={TestTokens.Issuer}");

    public async Task DisposeAsync()
    {
        if (_rest is not null)
        {
            await _rest.DisposeAsync();
        }

        Tokens.Dispose();
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OAuthRestCollection : ICollectionFixture<OAuthRestFixture>
{
    public const string Name = "rest-oauth";
}

/// <summary>
/// Credentials checked locally, with Gravitino's answers: a valid token or Basic user is served
/// (reads, 304s, the change feed), a missing, expired, wrongly signed or wrong-audience one gets
/// Gravitino's 401 (code 1011), and a change feed ends when its token expires.
/// </summary>
[Collection(OAuthRestCollection.Name)]
[Trait("Category", "Process")]
public sealed class RestAuthenticationTests(OAuthRestFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_valid_token_is_served_and_its_etag_answers_304()
    {
        var table = await fixture.Catalog.CreateTableAsync();
        var token = "Bearer " + fixture.Tokens.Create("alice", TimeSpan.FromMinutes(5));

        using var served = await GetAsync(RestCalls.Path(table), token);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        var etag = served.Headers.ETag;
        Assert.NotNull(etag);

        using var unchanged = await GetAsync(RestCalls.Path(table), token, etag);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
    }

    [Fact]
    public async Task A_request_without_a_credential_is_refused_with_gravitinos_401_even_for_an_etag()
    {
        var table = await fixture.Catalog.CreateTableAsync();
        using var served = await GetAsync(RestCalls.Path(table), "Bearer " + fixture.Tokens.Create("alice", TimeSpan.FromMinutes(5)));

        using var bare = await GetAsync(RestCalls.Path(table), authorization: null);
        using var conditional = await GetAsync(RestCalls.Path(table), authorization: null, served.Headers.ETag);
        using var version = await GetAsync("version", authorization: null);

        foreach (var refused in new[] { bare, conditional, version })
        {
            await AssertRefusedAsync(refused, "UnauthorizedException", "The provided credentials did not support");
            Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
        }
    }

    [Fact]
    public async Task An_expired_token_is_refused_as_gravitinos_token_expired()
    {
        var table = await fixture.Catalog.CreateTableAsync();

        using var refused = await GetAsync(RestCalls.Path(table), "Bearer " + fixture.Tokens.Create("alice", TimeSpan.FromMinutes(-5)));

        await AssertRefusedAsync(refused, "TokenExpiredException", "Authentication token is expired");
    }

    [Fact]
    public async Task A_token_signed_by_another_key_is_refused()
    {
        var table = await fixture.Catalog.CreateTableAsync();

        using var refused = await GetAsync(RestCalls.Path(table), "Bearer " + fixture.Tokens.Create("alice", TimeSpan.FromMinutes(5), signedByStranger: true));

        await AssertRefusedAsync(refused, "UnauthorizedException", "JWT parse error");
    }

    [Fact]
    public async Task A_token_for_another_audience_or_issuer_is_refused()
    {
        var table = await fixture.Catalog.CreateTableAsync();

        using var audience = await GetAsync(RestCalls.Path(table), "Bearer " + fixture.Tokens.Create("alice", TimeSpan.FromMinutes(5), audience: "someone-else"));
        using var issuer = await GetAsync(RestCalls.Path(table), "Bearer " + fixture.Tokens.Create("alice", TimeSpan.FromMinutes(5), issuer: "https://other.test"));
        using var garbage = await GetAsync(RestCalls.Path(table), "Bearer not-a-jwt");

        await AssertRefusedAsync(audience, "UnauthorizedException", TestTokens.Audience);
        await AssertRefusedAsync(issuer, "UnauthorizedException", "issuer");
        await AssertRefusedAsync(garbage, "UnauthorizedException", "JWT parse error");
    }

    [Fact]
    public async Task Simple_mode_serves_the_user_of_a_basic_header_and_refuses_one_without_a_user()
    {
        var table = await fixture.Catalog.CreateTableAsync();

        using var served = await GetAsync(RestCalls.Path(table), Basic("bob:"));
        using var nameless = await GetAsync(RestCalls.Path(table), Basic(":secret"));

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        await AssertRefusedAsync(nameless, "UnauthorizedException", "no user");
    }

    [Fact]
    public async Task The_change_feed_needs_a_credential_and_ends_when_its_token_expires()
    {
        var table = await fixture.Catalog.CreateTableAsync();
        var lake = table.Identifier.Levels[0];
        using var refused = await GetAsync($"metalakes/{lake}/changes", authorization: null);
        await AssertRefusedAsync(refused, "UnauthorizedException", "The provided credentials did not support");

        using var http = new HttpClient { BaseAddress = fixture.Http.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Tokens.Create("alice", TimeSpan.FromSeconds(5)));
        await using var feed = await SseReader.OpenAsync(http, $"metalakes/{lake}/changes");
        Assert.Equal("ready", (await feed.NextAsync(Wait)).Event);

        // Nothing changes in the metalake: the only way the feed ends is the token's expiry.
        await Assert.ThrowsAsync<EndOfStreamException>(() => feed.NextAsync(Wait));
    }

    private static string Basic(string userAndPassword) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(userAndPassword));

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string type, string message)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await RestCalls.ParseAsync(response);
        Assert.Equal(1011, body.GetProperty("code").GetInt32());
        Assert.Equal(type, body.GetProperty("type").GetString());
        Assert.Contains(message, body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> GetAsync(string path, string? authorization, EntityTagHeaderValue? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(ifNoneMatch);
        }

        return fixture.Http.SendAsync(request);
    }
}
