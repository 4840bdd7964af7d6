using System.CommandLine;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using OrleansCache.ClientSample;
using OrleansCache.ClientSample.Commands;
using OrleansCache.ClientSample.Connection;
using OrleansCache.ClientSample.Input;
using OrleansCache.Errors;

// The OrleansCache client sample: a command-line program on the client library. Exit codes:
// 0 done, 1 refused by OrleansCache (typed error), 2 bad command line, 3 cluster unreachable,
// 4 a demo check failed, 70 a bug, 130 interrupted.
var root = new RootCommand("OrleansCache client sample: create, load, list, alter, drop and watch catalog entities through the client library.")
{
    CreateCommand.Build(),
    LoadCommand.Build(),
    ListCommand.Build(),
    AlterCommand.Build(),
    DropCommand.Build(),
    WatchCommand.Build(),
    DemoCommand.Build(),
};
GlobalOptions.AddTo(root);

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        await Console.Error.WriteLineAsync($"usage: {error.Message}");
    }

    await Console.Error.WriteLineAsync("Run with --help for the commands and their options.");
    return ExitCodes.Usage;
}

try
{
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (CacheUnavailableException exception)
{
    await Console.Error.WriteLineAsync($"error: {exception.Message}");
    return ExitCodes.Unreachable;
}
catch (OrleansCacheException exception)
{
    await Console.Error.WriteLineAsync($"error: {exception.Message}");
    return ExitCodes.RequestRefused;
}
catch (UsageException exception)
{
    await Console.Error.WriteLineAsync($"usage: {exception.Message}");
    return ExitCodes.Usage;
}
catch (ClusterUnreachableException exception)
{
    await Console.Error.WriteLineAsync($"error: {exception.Message}");
    if (exception.InnerException is { } cause)
    {
        await Console.Error.WriteLineAsync($"  cause: {cause.GetType().Name}: {FirstLine(cause.Message)}");
    }

    return ExitCodes.Unreachable;
}
catch (Exception exception) when (exception is SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException or TimeoutException)
{
    await Console.Error.WriteLineAsync($"error: lost the connection to the cluster: {FirstLine(exception.Message)}");
    return ExitCodes.Unreachable;
}
catch (DemoFailedException exception)
{
    await Console.Error.WriteLineAsync($"demo: FAILED: {exception.Message}");
    return ExitCodes.DemoFailed;
}
catch (OperationCanceledException)
{
    await Console.Error.WriteLineAsync("interrupted");
    return ExitCodes.Interrupted;
}
catch (Exception exception)
{
    // The last resort: say what broke, in full, and exit with a code of its own.
    await Console.Error.WriteLineAsync($"unexpected failure (a bug): {exception}");
    return ExitCodes.Unexpected;
}

static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
