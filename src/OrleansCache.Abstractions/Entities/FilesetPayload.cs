using OrleansCache.Errors;
using OrleansCache.Naming;

namespace OrleansCache.Entities;

/// <summary>Whether the fileset's files are managed by the catalog or only referenced.</summary>
public enum FilesetType
{
    /// <summary>The catalog owns the files: dropping the fileset deletes them.</summary>
    Managed = 0,

    /// <summary>The files live elsewhere: dropping the fileset leaves them.</summary>
    External = 1,
}

/// <summary>A fileset's payload: its type and storage location, comment and properties.</summary>
[GenerateSerializer, Immutable, Alias("oc.FilesetPayload")]
public sealed record FilesetPayload : EntityPayload
{
    /// <inheritdoc/>
    public override EntityKind Kind => EntityKind.Fileset;

    /// <summary>Managed or external.</summary>
    [Id(0)]
    public FilesetType Type { get; init; }

    /// <summary>Where the files are (for example <c>s3://bucket/path</c>).</summary>
    [Id(1)]
    public required string StorageLocation { get; init; }

    /// <inheritdoc/>
    public override void Validate(string identifier)
    {
        base.Validate(identifier);
        if (!Enum.IsDefined(Type))
        {
            throw new InvalidEntityException(identifier, $"fileset type {(int)Type} is not one of {string.Join(", ", Enum.GetNames<FilesetType>())}");
        }

        if (string.IsNullOrWhiteSpace(StorageLocation))
        {
            throw new InvalidEntityException(identifier, "a fileset needs a storage location");
        }
    }
}
