using System.CommandLine;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansCache.ClientSample.Input;
using OrleansCache.ClientSample.Output;
using OrleansCache.Events;
using OrleansCache.Naming;

namespace OrleansCache.ClientSample.Commands;

/// <summary>
/// <c>watch &lt;metalake&gt; [--count N] [--seconds S]</c>: prints a metalake's change events, one a
/// line, until Ctrl+C, N events, or S seconds.
/// </summary>
internal static class WatchCommand
{
    public static Command Build()
    {
        var metalake = new Argument<string>("metalake") { Description = "The metalake whose changes to print." };
        var count = new Option<int?>("--count") { Description = "Stop after this many events." };
        var seconds = new Option<double?>("--seconds") { Description = "Stop after this many seconds." };
        var command = new Command("watch", "Print every change event of a metalake as it arrives: time, change, key, version, new key.")
        {
            metalake, count, seconds,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = parse.GetRequiredValue(metalake);
            var limit = parse.GetValue(count);
            var duration = parse.GetValue(seconds);
            if (limit is <= 0 || duration is <= 0)
            {
                throw new UsageException("--count and --seconds must be more than 0.");
            }

            if (name.Contains('.', StringComparison.Ordinal))
            {
                throw new UsageException($"watch takes a metalake (one level, such as '{name.Split('.')[0]}'), not '{name}': it prints every change of the metalake.");
            }

            await using var connection = await GlobalOptions.ConnectAsync(parse, cancellationToken);
            var events = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
            void OnChange(object? sender, EntityChanged changed) => events.Writer.TryWrite(RecordPrinter.EventLine(changed));
            void OnLost(object? sender, EventArgs e) => events.Writer.TryWrite("watch: lost the connection to the cluster; changes made meanwhile are not printed");
            void OnRecovered(object? sender, EventArgs e) => events.Writer.TryWrite("watch: connected again");
            connection.Client.ChangeReceived += OnChange;
            connection.Status.Lost += OnLost;
            connection.Status.Recovered += OnRecovered;
            try
            {
                // A metalake that does not exist has no changes to watch: say so (EntityNotFoundException), as the REST feed answers 404.
                var lake = EntityKey.Metalake(name);
                await connection.Client.LoadAsync(lake);
                await connection.Client.WatchAsync(lake);

                // Said once subscribed: a script may start changing things after this line.
                Console.WriteLine($"watch: subscribed to metalake '{name}'");
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(
                    cancellationToken,
                    connection.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
                if (duration is { } limitSeconds)
                {
                    stop.CancelAfter(TimeSpan.FromSeconds(limitSeconds));
                }

                var printed = 0;
                while (limit is null || printed < limit)
                {
                    string line;
                    try
                    {
                        line = await events.Reader.ReadAsync(stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }

                    Console.WriteLine(line);
                    if (!line.StartsWith("watch:", StringComparison.Ordinal))
                    {
                        printed++;
                    }
                }

                Console.WriteLine($"watch: {printed} event(s)");
                return ExitCodes.Success;
            }
            finally
            {
                connection.Client.ChangeReceived -= OnChange;
                connection.Status.Lost -= OnLost;
                connection.Status.Recovered -= OnRecovered;
            }
        });
        return command;
    }
}
