using OrleansCache.Entities;
using OrleansCache.Errors;

namespace OrleansCache.Changes;

/// <summary>
/// One change in an alter request. Changes apply in order; if any one is invalid the whole alter is
/// refused and nothing changes.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.EntityChange")]
public abstract record EntityChange
{
    /// <summary>
    /// Applies this change to <paramref name="payload"/> and returns the result. A rename does not
    /// touch the payload (the grain moves the entity instead).
    /// </summary>
    /// <exception cref="InvalidEntityException">The change does not fit this payload.</exception>
    public abstract EntityPayload Apply(EntityPayload payload, string identifier);
}

/// <summary>Renames the entity within its namespace (metalake, catalog, table, fileset, model).</summary>
[GenerateSerializer, Immutable, Alias("oc.RenameEntity")]
public sealed record RenameEntity([property: Id(0)] string NewName) : EntityChange
{
    /// <inheritdoc/>
    public override EntityPayload Apply(EntityPayload payload, string identifier) => payload;
}

/// <summary>Sets the comment; null clears it.</summary>
[GenerateSerializer, Immutable, Alias("oc.UpdateComment")]
public sealed record UpdateComment([property: Id(0)] string? NewComment) : EntityChange
{
    /// <inheritdoc/>
    public override EntityPayload Apply(EntityPayload payload, string identifier)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return payload with { Comment = NewComment };
    }
}

/// <summary>Sets a property, adding or replacing it.</summary>
[GenerateSerializer, Immutable, Alias("oc.SetProperty")]
public sealed record SetProperty([property: Id(0)] string Key, [property: Id(1)] string Value) : EntityChange
{
    /// <inheritdoc/>
    public override EntityPayload Apply(EntityPayload payload, string identifier)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (string.IsNullOrWhiteSpace(Key) || Value is null)
        {
            throw new InvalidEntityException(identifier, "a property needs a key that is not blank and a value that is not null");
        }

        return payload with { Properties = payload.Properties.SetItem(Key, Value) };
    }
}

/// <summary>Removes a property; removing an absent one is not an error.</summary>
[GenerateSerializer, Immutable, Alias("oc.RemoveProperty")]
public sealed record RemoveProperty([property: Id(0)] string Key) : EntityChange
{
    /// <inheritdoc/>
    public override EntityPayload Apply(EntityPayload payload, string identifier)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return payload with { Properties = payload.Properties.Remove(Key ?? string.Empty) };
    }
}
