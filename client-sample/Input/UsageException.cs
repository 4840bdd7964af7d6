namespace OrleansCache.ClientSample.Input;

/// <summary>The command line asks for something that does not fit (exit code 2), found after parsing.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException()
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
