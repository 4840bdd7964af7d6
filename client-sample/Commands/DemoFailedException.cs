namespace OrleansCache.ClientSample.Commands;

/// <summary>Something the demo checks did not hold (exit code 4); the message says what was expected and what happened.</summary>
internal sealed class DemoFailedException : Exception
{
    public DemoFailedException(string message)
        : base(message)
    {
    }

    public DemoFailedException()
    {
    }

    public DemoFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
