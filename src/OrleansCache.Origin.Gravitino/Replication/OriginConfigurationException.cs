namespace OrleansCache.Origin.Gravitino.Replication;

/// <summary>
/// The origin database is set up in a way the cache must not run on (wal_level, a publication that
/// would break Gravitino's writes or miss tables). The message says what to change.
/// </summary>
public sealed class OriginConfigurationException : Exception
{
    /// <summary>Creates the error.</summary>
    public OriginConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error.</summary>
    public OriginConfigurationException()
    {
    }

    /// <summary>Creates the error.</summary>
    public OriginConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
