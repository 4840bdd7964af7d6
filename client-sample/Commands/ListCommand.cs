using System.CommandLine;
using OrleansCache.ClientSample.Input;
using OrleansCache.Grains;
using OrleansCache.Naming;

namespace OrleansCache.ClientSample.Commands;

/// <summary>
/// <c>list &lt;container-kind&gt; &lt;identifier&gt; &lt;child-kind&gt; [--limit N] [--after NAME] [--all]</c>: a
/// container's children of one kind, a page at a time. Metalakes live under the hidden root:
/// <c>list root metalake</c> (or just <c>list metalake</c>).
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
        var limit = new Option<int>("--limit")
        {
            Description = $"Children per page, 1 to {ChildPage.MaxPageSize}. Without --all only the first page is printed, and the --after to continue with goes to stderr.",
            DefaultValueFactory = _ => ChildPage.DefaultPageSize,
        };
        var after = new Option<string?>("--after") { Description = "Start strictly after this name (the continuation a previous page printed)." };
        var all = new Option<bool>("--all") { Description = "Print every child, reading one page at a time." };
        var command = new Command("list", "List a container's children of one kind, sorted by name, one identifier a line.") { words, limit, after, all };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (container, childKind) = Interpret(parse.GetValue(words) ?? []);
            var pageSize = parse.GetValue(limit);
            if (pageSize is < 1 or > ChildPage.MaxPageSize)
            {
                throw new UsageException($"--limit takes 1 to {ChildPage.MaxPageSize}, not {pageSize}.");
            }

            await using var connection = await GlobalOptions.ConnectAsync(parse, cancellationToken);
            var token = parse.GetValue(after);
            var printed = 0L;
            do
            {
                var page = await connection.Client.ListPageAsync(container, childKind, pageSize, token);
                foreach (var child in page.Children)
                {
                    Console.WriteLine(child.Identifier);
                }

                printed += page.Children.Length;
                token = page.ContinuationToken;
                if (token is not null && !parse.GetValue(all))
                {
                    await Console.Error.WriteLineAsync($"more: continue with --after {token} (or list them all with --all)");
                    break;
                }
            }
            while (token is not null);

            if (printed == 0)
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
