using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using OrleansCache.Rest.Hosting;

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

    private static WebApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }
}
