using System.Net;
using System.Net.Sockets;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Silo;

/// <summary>
/// Start-up mistakes an operator makes first: each stops the silo program with exit code 2 and one
/// message naming the setting, with no stack trace, before the silo joins a cluster.
/// </summary>
[Trait("Category", "Process")]
[Collection(SiloProcessCollection.Name)]
public sealed class SiloStartupMistakeTests
{
    private static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_unknown_mode_exits_2_naming_the_setting_and_the_accepted_values()
    {
        await using var silo = SiloProcess.Start("--OrleansCache:Mode=Redsi");

        await silo.Process.WaitForExitAsync().WaitAsync(ExitWithin);

        Assert.Equal(2, silo.Process.ExitCode);
        Assert.Contains("OrleansCache:Mode is 'Redsi'; accepted: Embedded, Redis.", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("OrleansCache.Grains.Providers", silo.Output, StringComparison.Ordinal); // no .NET type names
        AssertNoStackTrace(silo);
    }

    [Theory]
    [InlineData("OrleansCache:Http:Port")]
    [InlineData("OrleansCache:GatewayPort")]
    [InlineData("OrleansCache:SiloPort")]
    [InlineData("OrleansCache:Rest:Port")]
    public async Task A_port_another_process_holds_exits_2_naming_its_setting(string setting)
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var held = ((IPEndPoint)holder.LocalEndpoint).Port;
        string[] arguments = [$"--{setting}={held}"];

        await using var silo = SiloProcess.Start(arguments);
        await silo.Process.WaitForExitAsync().WaitAsync(ExitWithin);

        Assert.Equal(2, silo.Process.ExitCode);
        Assert.Contains($"{setting} is {held}", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("joined", silo.Output, StringComparison.OrdinalIgnoreCase);
        AssertNoStackTrace(silo);
    }

    [Fact]
    public async Task An_unreachable_redis_exits_2_naming_the_connection_string()
    {
        var nobody = RedisServer.FreePort();
        await using var silo = SiloProcess.Start(
            [
                "--OrleansCache:Mode=Redis",
                $"--OrleansCache:Redis:ConnectionString=127.0.0.1:{nobody}",
                "--OrleansCache:AdvertisedIPAddress=127.0.0.1",
            ]);

        await silo.Process.WaitForExitAsync().WaitAsync(ExitWithin);

        Assert.Equal(2, silo.Process.ExitCode);
        Assert.Contains($"no Redis answered at 127.0.0.1:{nobody}", silo.Output, StringComparison.Ordinal);
        Assert.Contains("OrleansCache:Redis:ConnectionString", silo.Output, StringComparison.Ordinal);
        AssertNoStackTrace(silo);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("0.0.0.0")]
    public async Task A_rest_port_on_the_network_without_authentication_exits_2_naming_the_settings(string address)
    {
        await using var silo = SiloProcess.Start(
            [$"--OrleansCache:Rest:Port={RedisServer.FreePort()}", $"--OrleansCache:Rest:ListenAddress={address}"]);

        await silo.Process.WaitForExitAsync().WaitAsync(ExitWithin);

        Assert.Equal(2, silo.Process.ExitCode);
        Assert.Contains("without authentication", silo.Output, StringComparison.Ordinal);
        foreach (var setting in new[] { "OrleansCache:Rest:Authenticators", "OrleansCache:Rest:AllowAnonymous=true", "OrleansCache:Rest:ListenAddress" })
        {
            Assert.Contains(setting, silo.Output, StringComparison.Ordinal);
        }

        AssertNoStackTrace(silo);
    }

    [Fact]
    public async Task Oauth_without_signing_keys_exits_2_naming_the_key_settings()
    {
        await using var silo = SiloProcess.Start(
            [$"--OrleansCache:Rest:Port={RedisServer.FreePort()}", "--OrleansCache:Rest:Authenticators=oauth"]);

        await silo.Process.WaitForExitAsync().WaitAsync(ExitWithin);

        Assert.Equal(2, silo.Process.ExitCode);
        Assert.Contains("OrleansCache:Rest:OAuth:SigningKeyPath", silo.Output, StringComparison.Ordinal);
        Assert.Contains("OrleansCache:Rest:OAuth:JwksUri", silo.Output, StringComparison.Ordinal);
        AssertNoStackTrace(silo);
    }

    [Fact]
    public async Task A_rest_certificate_that_cannot_be_loaded_exits_2_naming_it()
    {
        var notPfx = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(notPfx, "not a certificate");
            await using var silo = SiloProcess.Start(
                [$"--OrleansCache:Rest:Port={RedisServer.FreePort()}", $"--OrleansCache:Rest:Tls:CertificatePath={notPfx}"]);

            await silo.Process.WaitForExitAsync().WaitAsync(ExitWithin);

            Assert.Equal(2, silo.Process.ExitCode);
            Assert.Contains($"OrleansCache:Rest:Tls:CertificatePath is '{notPfx}'", silo.Output, StringComparison.Ordinal);
            AssertNoStackTrace(silo);
        }
        finally
        {
            File.Delete(notPfx);
        }
    }

    private static void AssertNoStackTrace(SiloProcess silo)
    {
        Assert.DoesNotContain("Unhandled exception", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", silo.Output, StringComparison.Ordinal);
    }
}
