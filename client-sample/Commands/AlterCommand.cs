using System.CommandLine;
using OrleansCache.ClientSample.Input;
using OrleansCache.Changes;

namespace OrleansCache.ClientSample.Commands;

/// <summary>
/// <c>alter &lt;kind&gt; &lt;identifier&gt; [changes]</c>: one atomic alter. The changes apply in the order
/// comment, set, remove, add-column, drop-column, rename; if any is refused nothing changes.
/// </summary>
internal static class AlterCommand
{
    public static Command Build()
    {
        var kind = EntityArguments.EntityKind();
        var identifier = EntityArguments.Identifier();
        var comment = new Option<string?>("--comment") { Description = "Set the comment (an empty string clears it)." };
        var set = new Option<string[]>("--set") { Description = "Set a property, key=value; repeat for more." };
        var remove = new Option<string[]>("--remove") { Description = "Remove a property by key; repeat for more." };
        var rename = new Option<string?>("--rename") { Description = "Rename the entity within its namespace (metalake, catalog, table, fileset, model)." };
        var addColumn = new Option<string[]>("--add-column") { Description = "Tables: add a column name:type at the end; repeat for more." };
        var dropColumn = new Option<string[]>("--drop-column") { Description = "Tables: drop a column by name; repeat for more." };
        var expectedVersion = new Option<long?>("--expected-version") { Description = "Alter only if the entity is at exactly this version." };

        var command = new Command("alter", "Alter or rename an entity.")
        {
            kind, identifier, comment, set, remove, rename, addColumn, dropColumn, expectedVersion,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var key = EntityArguments.Key(parse.GetValue(kind), parse.GetRequiredValue(identifier));
            var changes = new List<EntityChange>();
            if (parse.GetValue(comment) is { } newComment)
            {
                changes.Add(new UpdateComment(newComment.Length == 0 ? null : newComment));
            }

            changes.AddRange((parse.GetValue(set) ?? []).Select(pair => Tokens.KeyValue(pair, "--set")).Select(pair => new SetProperty(pair.Key, pair.Value)));
            changes.AddRange((parse.GetValue(remove) ?? []).Select(property => new RemoveProperty(property)));
            changes.AddRange(Tokens.Columns(parse.GetValue(addColumn), "--add-column").Select(column => new AddColumn(column)));
            changes.AddRange((parse.GetValue(dropColumn) ?? []).Select(column => new DeleteColumn(column)));
            if (parse.GetValue(rename) is { } newName)
            {
                changes.Add(new RenameEntity(newName));
            }

            if (changes.Count == 0)
            {
                throw new UsageException("alter needs at least one change: --comment, --set, --remove, --rename, --add-column or --drop-column.");
            }

            var options = new WriteOptions { ExpectedVersion = parse.GetValue(expectedVersion) };
            await using var connection = await GlobalOptions.ConnectAsync(parse, cancellationToken);
            var record = await connection.Client.AlterAsync(key, changes, options);
            Console.WriteLine(record.Key == key
                ? $"altered {record.Key} (version {record.Version})"
                : $"renamed {key} to {record.Key} (version {record.Version})");
            return ExitCodes.Success;
        });
        return command;
    }
}
