namespace OrleansCache.Errors;

/// <summary>
/// The request is well named but not valid for the entity: a payload of the wrong kind, a
/// duplicate or missing column, a change the kind does not support, a child kind its catalog does
/// not hold. The message says what is wrong. Nothing was changed.
/// </summary>
[GenerateSerializer, Alias("oc.InvalidEntityException")]
public sealed class InvalidEntityException : OrleansCacheException
{
    /// <summary>Creates the error.</summary>
    public InvalidEntityException(string identifier, string reason)
        : base(identifier, $"Invalid request for '{identifier}': {reason}.")
    {
        Reason = reason;
    }

    /// <summary>What is wrong, in words.</summary>
    [Id(0)]
    public string Reason { get; private set; }
}
