namespace OrleansCache.ClientSample.Connection;

/// <summary>The cluster could not be reached (exit code 3); the message says where the sample looked.</summary>
internal sealed class ClusterUnreachableException : Exception
{
    public ClusterUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ClusterUnreachableException(string message)
        : base(message)
    {
    }

    public ClusterUnreachableException()
    {
    }
}
