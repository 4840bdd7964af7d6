using System.Collections.Immutable;
using OrleansCache.Entities;
using OrleansCache.Naming;

namespace OrleansCache.ClientSample.Input;

/// <summary>
/// What <c>create</c> was given, turned into the payload subtype of the kind. Options that do not
/// belong to the kind are refused rather than silently dropped.
/// </summary>
internal sealed record PayloadRequest
{
    public string? Comment { get; init; }

    public ImmutableDictionary<string, string> Properties { get; init; } = ImmutableDictionary<string, string>.Empty;

    public ImmutableArray<Column> Columns { get; init; } = [];

    public string? Provider { get; init; }

    public CatalogType? CatalogType { get; init; }

    public string? Location { get; init; }

    public string? PolicyType { get; init; }

    /// <summary>The payload for an entity of <paramref name="kind"/>.</summary>
    /// <exception cref="UsageException">An option does not apply to the kind, or one the kind needs is missing.</exception>
    public EntityPayload ToPayload(EntityKind kind)
    {
        Allow(!Columns.IsDefaultOrEmpty, "--column", kind, EntityKind.Table);
        Allow(Provider is not null, "--provider", kind, EntityKind.Catalog);
        Allow(CatalogType is not null, "--catalog-type", kind, EntityKind.Catalog);
        Allow(Location is not null, "--location", kind, EntityKind.Fileset, EntityKind.ModelVersion);
        Allow(PolicyType is not null, "--policy-type", kind, EntityKind.Policy);

        EntityPayload payload = kind switch
        {
            EntityKind.Metalake => new MetalakePayload(),
            EntityKind.Catalog => new CatalogPayload
            {
                Type = CatalogType ?? Entities.CatalogType.Relational,
                Provider = Provider ?? throw new UsageException("a catalog needs --provider (for example hive, lakehouse-iceberg, hadoop, kafka)."),
            },
            EntityKind.Schema => new SchemaPayload(),
            EntityKind.Table => new TablePayload { Columns = Columns.IsDefault ? [] : Columns },
            EntityKind.Fileset => new FilesetPayload
            {
                StorageLocation = Location ?? throw new UsageException("a fileset needs --location (for example s3://bucket/path)."),
            },
            EntityKind.Topic => new TopicPayload(),
            EntityKind.Model => new ModelPayload(),
            EntityKind.ModelVersion => new ModelVersionPayload
            {
                Uri = Location ?? throw new UsageException("a model version needs --location (the artifact's uri)."),
            },
            EntityKind.Tag => new TagPayload(),
            EntityKind.Policy => new PolicyPayload
            {
                PolicyType = PolicyType ?? throw new UsageException("a policy needs --policy-type (for example data_compaction)."),
            },
            _ => throw new UsageException($"cannot create a {EntityKindTokens.ToToken(kind)}; one of: {Tokens.AddressableKinds}."),
        };

        return payload with { Comment = Comment, Properties = Properties };
    }

    private static void Allow(bool given, string option, EntityKind kind, params EntityKind[] kinds)
    {
        if (given && !kinds.Contains(kind))
        {
            throw new UsageException(
                $"{option} applies to {string.Join(" and ", kinds.Select(EntityKindTokens.ToToken))} only, not to a {EntityKindTokens.ToToken(kind)}.");
        }
    }
}
