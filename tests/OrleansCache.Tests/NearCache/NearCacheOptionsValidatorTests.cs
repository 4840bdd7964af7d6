using OrleansCache.Client.Providers;
using OrleansCache.Naming;

namespace OrleansCache.Tests.NearCacheUnit;

/// <summary>Each bad setting fails validation with a message that names it.</summary>
[Trait("Category", "Unit")]
public sealed class NearCacheOptionsValidatorTests
{
    private readonly NearCacheOptionsValidator _validator = new();

    [Fact]
    public void The_defaults_are_valid()
    {
        var result = _validator.Validate(null, new NearCacheOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void The_bounds_are_valid()
    {
        var options = new NearCacheOptions
        {
            MaxEntries = 16,
            TimeToLive = TimeSpan.FromSeconds(1),
            TimeToLiveByKind = { [EntityKind.Table] = TimeSpan.FromDays(1) },
            NegativeTimeToLive = TimeSpan.Zero,
            PreloadScopes = ["lake", "lake.catalog"],
        };

        var result = _validator.Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("MaxEntries 0", "OrleansCache:Client:MaxEntries")]
    [InlineData("MaxEntries 15", "OrleansCache:Client:MaxEntries")]
    [InlineData("TimeToLive 0", "OrleansCache:Client:TimeToLive")]
    [InlineData("TimeToLiveByKind Table 0", "OrleansCache:Client:TimeToLiveByKind:Table")]
    [InlineData("NegativeTimeToLive -1s", "OrleansCache:Client:NegativeTimeToLive")]
    [InlineData("NegativeTimeToLive 2h", "OrleansCache:Client:NegativeTimeToLive")]
    [InlineData("PreloadScopes a.b.c", "OrleansCache:Client:PreloadScopes")]
    [InlineData("PreloadScopes bad name!", "OrleansCache:Client:PreloadScopes")]
    [InlineData("PreloadTimeout 0", "OrleansCache:Client:PreloadTimeout")]
    [InlineData("Store 7", "OrleansCache:Client:Store")]
    public void A_bad_setting_fails_with_a_message_naming_it(string badSetting, string settingName)
    {
        var options = new NearCacheOptions();
        Break(options, badSetting);

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith(settingName + " ", failure, StringComparison.Ordinal);
        Assert.Contains(settingName, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_preload_scope_message_quotes_the_scope()
    {
        var options = new NearCacheOptions { PreloadScopes = ["lake", "a.b.c", "bad name!"] };

        var result = _validator.Validate(null, options);

        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.Contains("'a.b.c'", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("'bad name!'", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_bad_setting_is_reported_at_once()
    {
        var options = new NearCacheOptions
        {
            MaxEntries = 0,
            TimeToLive = TimeSpan.Zero,
            NegativeTimeToLive = TimeSpan.FromSeconds(-1),
        };

        var result = _validator.Validate(null, options);

        Assert.Equal(3, result.Failures!.Count());
    }

    private static void Break(NearCacheOptions options, string badSetting)
    {
        switch (badSetting)
        {
            case "MaxEntries 0": options.MaxEntries = 0; break;
            case "MaxEntries 15": options.MaxEntries = 15; break;
            case "TimeToLive 0": options.TimeToLive = TimeSpan.Zero; break;
            case "TimeToLiveByKind Table 0": options.TimeToLiveByKind[EntityKind.Table] = TimeSpan.Zero; break;
            case "NegativeTimeToLive -1s": options.NegativeTimeToLive = TimeSpan.FromSeconds(-1); break;
            case "NegativeTimeToLive 2h": options.NegativeTimeToLive = TimeSpan.FromHours(2); break;
            case "PreloadScopes a.b.c": options.PreloadScopes.Add("a.b.c"); break;
            case "PreloadScopes bad name!": options.PreloadScopes.Add("bad name!"); break;
            case "PreloadTimeout 0": options.PreloadTimeout = TimeSpan.Zero; break;
            case "Store 7": options.Store = (NearCacheStore)7; break;
            default: throw new ArgumentOutOfRangeException(nameof(badSetting), badSetting, "unknown case");
        }
    }
}
