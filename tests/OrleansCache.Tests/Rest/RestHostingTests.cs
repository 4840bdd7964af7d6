using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using OrleansCache.Rest.Hosting;
using OrleansCache.Rest.Security;

namespace OrleansCache.Tests.Rest;

/// <summary>Turning the REST API on in a host: settings read and validated before anything listens.</summary>
[Trait("Category", "Unit")]
public sealed class RestHostingTests
{
    [Theory]
    [InlineData("OrleansCache:Http:Port", "9100", "9100")]
    [InlineData("OrleansCache:GatewayPort", "9100", "9100")]
    [InlineData("OrleansCache:Http:Port", null, "8080")]
    [InlineData("OrleansCache:SiloPort", null, "11111")]
    public void A_rest_port_the_host_already_listens_on_is_refused_naming_both_settings(string setting, string? value, string restPort)
    {
        var builder = Builder(new() { [setting] = value, ["OrleansCache:Rest:Port"] = restPort });

        var error = Assert.Throws<OptionsValidationException>(() => builder.AddOrleansCacheRest());

        Assert.Contains($"OrleansCache:Rest:Port and {setting} are both {restPort}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_port_the_api_is_off_and_with_one_it_is_on()
    {
        var off = Builder([]).AddOrleansCacheRest();
        var on = Builder(new() { ["OrleansCache:Rest:Port"] = "18090", ["OrleansCache:Rest:Upstream"] = "http://gravitino:8090" }).AddOrleansCacheRest();

        Assert.False(off.Enabled);
        Assert.True(on.Enabled);
        Assert.Equal("http://gravitino:8090", on.Upstream);
    }

    [Fact]
    public void The_default_port_listens_on_loopback_only_and_needs_no_authentication()
    {
        var options = Builder(new() { ["OrleansCache:Rest:Port"] = "18090" }).AddOrleansCacheRest();

        Assert.Equal("localhost", options.ListenAddress);
        Assert.True(RestExposure.IsLoopbackOnly(options));
        Assert.Null(RestExposure.Problem(options));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("10.1.2.3")]
    public void A_port_on_the_network_without_authentication_is_refused_naming_the_settings(string address)
    {
        var builder = Builder(new() { ["OrleansCache:Rest:Port"] = "18090", ["OrleansCache:Rest:ListenAddress"] = address });

        var error = Assert.Throws<OptionsValidationException>(() => builder.AddOrleansCacheRest());

        Assert.Contains("OrleansCache:Rest:Authenticators", error.Message, StringComparison.Ordinal);
        Assert.Contains("OrleansCache:Rest:AllowAnonymous=true", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OrleansCache:Rest:AllowAnonymous", "true")]
    [InlineData("OrleansCache:Rest:Authenticators", "simple")]
    [InlineData("OrleansCache:Rest:RequireAuth", "true")]
    public void A_port_on_the_network_starts_with_an_authentication_mode_or_anonymous_allowed(string setting, string value)
    {
        var options = Builder(new()
        {
            ["OrleansCache:Rest:Port"] = "18090",
            ["OrleansCache:Rest:ListenAddress"] = "*",
            ["OrleansCache:Rest:Upstream"] = "http://gravitino:8090",
            [setting] = value,
        }).AddOrleansCacheRest();

        Assert.False(RestExposure.IsLoopbackOnly(options));
        Assert.True(options.Enabled);
    }

    [Theory]
    [InlineData("OrleansCache:Rest:ListenAddress", "every-address", "OrleansCache:Rest:ListenAddress is 'every-address'")]
    [InlineData("OrleansCache:Rest:Authenticators", "kerberos", "OrleansCache:Rest:Authenticators is 'kerberos'")]
    [InlineData("OrleansCache:Rest:OAuth:JwksUri", "http://idp.example/keys", "OrleansCache:Rest:OAuth:JwksUri is 'http://idp.example/keys'")]
    [InlineData("OrleansCache:Rest:OAuth:AllowedClockSkew", "01:00:00", "OrleansCache:Rest:OAuth:AllowedClockSkew is 01:00:00")]
    [InlineData("OrleansCache:Rest:OAuth:SigningKeyPath", "/nonexistent/keys.pem", "OrleansCache:Rest:OAuth:SigningKeyPath is '/nonexistent/keys.pem'")]
    public void A_bad_security_setting_is_refused_naming_it(string setting, string value, string failure)
    {
        var builder = Builder(new()
        {
            ["OrleansCache:Rest:Port"] = "18090",
            ["OrleansCache:Rest:Authenticators"] = "oauth",
            ["OrleansCache:Rest:OAuth:JwksUri"] = "https://idp.example/keys",
            [setting] = value,
        });

        var error = Assert.Throws<OptionsValidationException>(() => builder.AddOrleansCacheRest());

        Assert.Contains(failure, error.Message, StringComparison.Ordinal);
    }

    private static WebApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }
}
