using System.CommandLine;
using OrleansCache.ClientSample.Input;
using OrleansCache.Naming;

namespace OrleansCache.ClientSample.Commands;

/// <summary>
/// <c>list &lt;container-kind&gt; &lt;identifier&gt; &lt;child-kind&gt;</c>: a container's children of one kind.
/// Metalakes live under the hidden root: <c>list root metalake</c> (or just <c>list metalake</c>).
/// </summary>
internal static class ListCommand
{
    public static Command Build()
    {
        var words = new Argument<string[]>("container-kind identifier child-kind")
        {
            Description = "For example: schema lake.sales.orders table | catalog lake.sales schema | root metalake.",
            Arity = new ArgumentArity(1, 3),
        };
        var command = new Command("list", "List a container's children of one kind, sorted by name, one identifier a line.") { words };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (container, childKind) = Interpret(parse.GetValue(words) ?? []);
            await using var connection = await GlobalOptions.ConnectAsync(parse, cancellationToken);
            var children = await connection.Client.ListAsync(container, childKind);
            foreach (var child in children)
            {
                Console.WriteLine(child.Identifier);
            }

            if (children.IsEmpty)
            {
                await Console.Error.WriteLineAsync(container.Kind == EntityKind.Root
                    ? $"no {EntityKindTokens.ToToken(childKind)} exists"
                    : $"no {EntityKindTokens.ToToken(childKind)} in {container}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Reads the container key and the child kind from the 1 to 3 words given.</summary>
    private static (EntityKey Container, EntityKind ChildKind) Interpret(string[] words)
    {
        switch (words.Length)
        {
            case 1:
                // "list metalake": the only kind whose container needs no name.
                return (EntityKey.Root, Tokens.Kind(words[0]));
            case 2:
                var kind = Tokens.Kind(words[0]);
                return kind == EntityKind.Root
                    ? (EntityKey.Root, Tokens.Kind(words[1]))
                    : throw new UsageException($"list {words[0]} needs an identifier: list {words[0]} <identifier> <child-kind>.");
            default:
                var containerKind = Tokens.Kind(words[0]);
                var container = containerKind == EntityKind.Root ? EntityKey.Root : EntityKey.Of(containerKind, words[1]);
                return (container, Tokens.Kind(words[2]));
        }
    }
}
