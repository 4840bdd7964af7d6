namespace OrleansCache.Errors;

/// <summary>The entity's serialized payload is larger than the configured limit. Nothing was changed.</summary>
[GenerateSerializer, Alias("oc.PayloadTooLargeException")]
public sealed class PayloadTooLargeException : OrleansCacheException
{
    /// <summary>Creates the error.</summary>
    public PayloadTooLargeException(string identifier, long sizeBytes, long limitBytes)
        : base(identifier, $"The payload of '{identifier}' is {sizeBytes} bytes; the limit is {limitBytes} bytes.")
    {
        SizeBytes = sizeBytes;
        LimitBytes = limitBytes;
    }

    /// <summary>The serialized size of the refused payload.</summary>
    [Id(0)]
    public long SizeBytes { get; private set; }

    /// <summary>The configured limit.</summary>
    [Id(1)]
    public long LimitBytes { get; private set; }
}
