namespace OrleansCache.Entities;

/// <summary>
/// An <see cref="EntityRecord"/> as Orleans' serializer writes it (the bytes an entity grain holds
/// and grain storage stores): what <c>IEntityGrain.LoadBytes</c> returns, so that a read costs one
/// deserialization, in the caller, and none in the silo. Read it with Orleans'
/// <c>Serializer.Deserialize&lt;EntityRecord&gt;</c>. The bytes are shared, never changed.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.RecordBytes")]
#pragma warning disable CA1815 // A carrier for one call's result: compared by nobody.
public readonly struct RecordBytes(ReadOnlyMemory<byte> value)
#pragma warning restore CA1815
{
    /// <summary>The serialized record.</summary>
    [Id(0)]
    public ReadOnlyMemory<byte> Value { get; } = value;
}
