using OrleansCache.Naming;

namespace OrleansCache.Errors;

/// <summary>An entity with this identifier already exists. Nothing was changed.</summary>
[GenerateSerializer, Alias("oc.EntityAlreadyExistsException")]
public sealed class EntityAlreadyExistsException : OrleansCacheException
{
    /// <summary>Creates the error.</summary>
    public EntityAlreadyExistsException(string identifier, EntityKind kind)
        : base(identifier, $"{EntityKindTokens.ToToken(kind)} '{identifier}' already exists.")
    {
        Kind = kind;
    }

    /// <summary>The kind of the existing entity.</summary>
    [Id(0)]
    public EntityKind Kind { get; private set; }
}
