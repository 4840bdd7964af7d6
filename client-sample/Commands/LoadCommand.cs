using System.CommandLine;
using OrleansCache.ClientSample.Output;

namespace OrleansCache.ClientSample.Commands;

/// <summary><c>load &lt;kind&gt; &lt;identifier&gt;</c>: prints one entity.</summary>
internal static class LoadCommand
{
    public static Command Build()
    {
        var kind = EntityArguments.EntityKind();
        var identifier = EntityArguments.Identifier();
        var command = new Command("load", "Print an entity: version, audit, comment, properties, and a table's columns.") { kind, identifier };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var key = EntityArguments.Key(parse.GetValue(kind), parse.GetRequiredValue(identifier));
            await using var connection = await GlobalOptions.ConnectAsync(parse, cancellationToken);
            var record = await connection.Client.LoadAsync(key);
            RecordPrinter.Print(record, Console.Out);
            return ExitCodes.Success;
        });
        return command;
    }
}
