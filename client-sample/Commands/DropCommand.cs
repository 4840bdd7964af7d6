using System.CommandLine;

namespace OrleansCache.ClientSample.Commands;

/// <summary><c>drop &lt;kind&gt; &lt;identifier&gt; [--cascade]</c>.</summary>
internal static class DropCommand
{
    public static Command Build()
    {
        var kind = EntityArguments.EntityKind();
        var identifier = EntityArguments.Identifier();
        var cascade = new Option<bool>("--cascade") { Description = "Drop a container with everything in it (otherwise a non-empty container is refused)." };
        var command = new Command("drop", "Drop an entity; dropping one that does not exist is not an error.") { kind, identifier, cascade };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var key = EntityArguments.Key(parse.GetValue(kind), parse.GetRequiredValue(identifier));
            var withCascade = parse.GetValue(cascade);
            await using var connection = await GlobalOptions.ConnectAsync(parse, cancellationToken);
            var dropped = await connection.Client.DropAsync(key, withCascade);
            Console.WriteLine(dropped
                ? $"dropped {key}{(withCascade ? " with everything in it" : string.Empty)}"
                : $"{key} did not exist; nothing dropped");
            return ExitCodes.Success;
        });
        return command;
    }
}
