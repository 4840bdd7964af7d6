namespace OrleansCache.ClientSample;

/// <summary>The process exit codes; scripts depend on them.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>OrleansCache refused the request (a typed error: not found, already exists, bad name…).</summary>
    public const int RequestRefused = 1;

    /// <summary>The command line is wrong.</summary>
    public const int Usage = 2;

    /// <summary>The cluster could not be reached, or the connection was lost.</summary>
    public const int Unreachable = 3;

    /// <summary>The demo ran but something it checks did not hold.</summary>
    public const int DemoFailed = 4;

    /// <summary>A failure nobody planned for (a bug): the full exception is printed.</summary>
    public const int Unexpected = 70;

    /// <summary>Interrupted (Ctrl+C) before the command finished; <c>watch</c> treats Ctrl+C as its normal end instead.</summary>
    public const int Interrupted = 130;
}
