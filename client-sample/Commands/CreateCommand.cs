using System.CommandLine;
using OrleansCache.ClientSample.Input;
using OrleansCache.Entities;

namespace OrleansCache.ClientSample.Commands;

/// <summary><c>create &lt;kind&gt; &lt;identifier&gt; [options]</c>: creates one entity.</summary>
internal static class CreateCommand
{
    private static readonly string[] CatalogTypes = ["relational", "fileset", "messaging", "model"];

    public static Command Build()
    {
        var kind = EntityArguments.EntityKind();
        var identifier = EntityArguments.Identifier();
        var comment = new Option<string?>("--comment") { Description = "A free-text comment." };
        var properties = new Option<string[]>("--property") { Description = "A property as key=value; repeat the option for more." };
        var columns = new Option<string[]>("--column") { Description = "Tables: a column as name:type (for example id:bigint); repeat in order." };
        var provider = new Option<string?>("--provider") { Description = "Catalogs: the provider (for example hive, lakehouse-iceberg, hadoop, kafka)." };
        var catalogType = new Option<string?>("--catalog-type") { Description = "Catalogs: what it holds. Default relational." };
        catalogType.AcceptOnlyFromAmong(CatalogTypes);
        var location = new Option<string?>("--location") { Description = "Filesets: the storage location; model versions: the artifact's uri." };
        var policyType = new Option<string?>("--policy-type") { Description = "Policies: the policy type (for example data_compaction)." };

        var command = new Command("create", "Create an entity (its container must exist).")
        {
            kind, identifier, comment, properties, columns, provider, catalogType, location, policyType,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var key = EntityArguments.Key(parse.GetValue(kind), parse.GetRequiredValue(identifier));
            var payload = new PayloadRequest
            {
                Comment = parse.GetValue(comment),
                Properties = Tokens.Properties(parse.GetValue(properties), "--property"),
                Columns = Tokens.Columns(parse.GetValue(columns), "--column"),
                Provider = parse.GetValue(provider),
                CatalogType = parse.GetValue(catalogType) is { } type ? Enum.Parse<CatalogType>(type, ignoreCase: true) : null,
                Location = parse.GetValue(location),
                PolicyType = parse.GetValue(policyType),
            }.ToPayload(key.Kind);

            await using var connection = await GlobalOptions.ConnectAsync(parse, cancellationToken);
            var record = await connection.Client.CreateAsync(key, payload);
            Console.WriteLine($"created {record.Key} (version {record.Version})");
            return ExitCodes.Success;
        });
        return command;
    }
}
