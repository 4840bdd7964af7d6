using System.Text;
using Microsoft.AspNetCore.Http;
using OrleansCache.Entities;
using OrleansCache.Naming;
using OrleansCache.Rest.Api;
using OrleansCache.Rest.Forwarding;
using OrleansCache.Rest.Providers;

namespace OrleansCache.Tests.Rest;

/// <summary>Versioning, entity tags, credentials and options of the REST API, without a server.</summary>
[Trait("Category", "Unit")]
public sealed class RestUnitTests
{
    [Theory]
    [InlineData(null, null, 1)]
    [InlineData("application/vnd.gravitino.v1+json", null, 1)]
    [InlineData("application/json, application/vnd.gravitino.v2+json", null, 2)]
    [InlineData(null, "application/vnd.gravitino.v3+json", 3)]
    [InlineData("application/vnd.gravitino.v1+json", "application/vnd.gravitino.v3+json", 1)]
    public void The_version_comes_from_Accept_then_Content_Type_and_defaults_to_1(string? accept, string? contentType, int expected)
    {
        var context = new DefaultHttpContext();
        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }

        context.Request.ContentType = contentType;

        Assert.Equal(expected, GravitinoMedia.RequestedVersion(context.Request));
    }

    [Theory]
    [InlineData("\"7\"", true)]
    [InlineData("W/\"7\"", true)]
    [InlineData("\"6\", \"7\"", true)]
    [InlineData("*", true)]
    [InlineData("\"6\"", false)]
    [InlineData("7", false)]
    public void If_none_match_compares_weakly_and_accepts_lists_and_a_star(string header, bool matches)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.IfNoneMatch = header;

        Assert.Equal(matches, EntityTags.Matches(context.Request, "\"7\""));
    }

    [Fact]
    public void A_list_tag_changes_with_the_list_and_an_entity_tag_with_the_version()
    {
        var record = new EntityRecord
        {
            Key = EntityKey.Metalake("lake"),
            Payload = new MetalakePayload(),
            Audit = AuditInfo.Created("a", DateTimeOffset.UnixEpoch),
            Version = 7,
        };

        Assert.Equal("\"7\"", EntityTags.ForEntity(record, 0));
        Assert.Equal("\"8\"", EntityTags.ForEntity(record with { Version = 8 }, 0));
        Assert.NotEqual(EntityTags.ForList("{\"a\":1}"u8), EntityTags.ForList("{\"a\":2}"u8));
        Assert.Equal(EntityTags.ForList("{\"a\":1}"u8), EntityTags.ForList("{\"a\":1}"u8));
    }

    [Fact]
    public void The_expiry_of_a_bearer_jwt_is_read_and_anything_else_has_none()
    {
        var expires = DateTimeOffset.FromUnixTimeSeconds(1_900_000_000);

        Assert.Equal(expires, UpstreamAuthorization.BearerExpiry("Bearer " + Jwt("{\"sub\":\"a\",\"exp\":1900000000}")));
        Assert.Null(UpstreamAuthorization.BearerExpiry("Bearer " + Jwt("{\"sub\":\"a\"}")));
        Assert.Null(UpstreamAuthorization.BearerExpiry("Bearer opaque-token"));
        Assert.Null(UpstreamAuthorization.BearerExpiry("Basic YWxpY2U6eA=="));
        Assert.Null(UpstreamAuthorization.BearerExpiry(""));
    }

    [Fact]
    public void The_options_are_valid_by_default_and_every_bad_setting_is_named()
    {
        var validator = new RestApiOptionsValidator();

        Assert.True(validator.Validate(null, new RestApiOptions()).Succeeded);
        var result = validator.Validate(null, new RestApiOptions
        {
            Port = 70000,
            Upstream = "ftp://x",
            AuthCheckTtl = TimeSpan.FromHours(1),
            ChangeFeedReconcilePeriod = TimeSpan.Zero,
            ChangeFeedHeartbeat = TimeSpan.Zero,
            GravitinoVersion = "latest",
            ResponseCache = new RestResponseCacheOptions
            {
                MaxEntries = 1,
                MaxBytes = 10,
                StalenessBound = TimeSpan.FromMilliseconds(10),
                CompressionMinBytes = -1,
            },
        });
        var noUpstream = validator.Validate(null, new RestApiOptions { Port = 8090, RequireAuth = true });

        Assert.True(result.Failed);
        foreach (var setting in new[] { "Rest:Port", "Rest:Upstream", "Rest:AuthCheckTtl", "Rest:ChangeFeedReconcilePeriod", "Rest:ChangeFeedHeartbeat", "Rest:GravitinoVersion",
            "Rest:ResponseCache:MaxEntries", "Rest:ResponseCache:MaxBytes", "Rest:ResponseCache:StalenessBound", "Rest:ResponseCache:CompressionMinBytes" })
        {
            Assert.Contains(result.Failures!, failure => failure.Contains(setting, StringComparison.Ordinal));
        }

        Assert.Contains(noUpstream.Failures!, failure => failure.Contains("RequireAuth", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/metalakes", nameof(RouteAction.List), EntityKind.Metalake, "")]
    [InlineData("/metalakes/lake/catalogs/c/schemas/s/tables/t", nameof(RouteAction.Load), EntityKind.Table, "lake.c.s.t")]
    [InlineData("/metalakes/lake/catalogs/c/schemas/s/models/m/versions", nameof(RouteAction.List), EntityKind.ModelVersion, "lake.c.s.m")]
    [InlineData("/metalakes/lake/catalogs/c/schemas/s/models/m/aliases/prod", nameof(RouteAction.LoadByAlias), EntityKind.ModelVersion, "lake.c.s.m.prod")]
    [InlineData("/metalakes/lake/policies/p", nameof(RouteAction.Load), EntityKind.Policy, "lake.p")]
    [InlineData("/metalakes/lake/changes", nameof(RouteAction.Changes), EntityKind.Metalake, "lake")]
    public void Served_paths_parse_to_their_action_kind_and_names(string path, string action, EntityKind kind, string levels)
    {
        var route = ApiRoute.Parse(path);

        Assert.NotNull(route);
        Assert.Equal(action, route.Action.ToString());
        Assert.Equal(kind, route.Kind);
        Assert.Equal(levels, string.Join('.', route.Levels));
    }

    [Theory]
    [InlineData("/version")]
    [InlineData("/metalakes/lake/objects/table/a.b.c/tags")]
    [InlineData("/metalakes/lake/catalogs/c/schemas/s/views/v")]
    [InlineData("/metalakes//catalogs")]
    [InlineData("/metalakes/lake/catalogs/c/schemas/s/tables/t/partitions")]
    public void Other_paths_are_not_served(string path) => Assert.Null(ApiRoute.Parse(path));

    private static string Jwt(string claims) =>
        $"eyJhbGciOiJub25lIn0.{Convert.ToBase64String(Encoding.UTF8.GetBytes(claims)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}.sig";
}
