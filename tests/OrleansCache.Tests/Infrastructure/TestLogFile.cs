using Microsoft.Extensions.Logging;

namespace OrleansCache.Tests.Infrastructure;

/// <summary>
/// When <c>OC_TEST_LOG</c> names a file, the silos and clients tests start append their warnings
/// (or the level in <c>OC_TEST_LOG_LEVEL</c>) to it, each line with the host's name: how to see
/// what a cluster inside a failing test said. <c>OC_TEST_LOG_TRACE</c> names categories (prefixes,
/// comma-separated) logged down to Trace whatever the level. Off otherwise.
/// </summary>
internal sealed class TestLogFile(string path, string host, LogLevel level) : ILoggerProvider
{
    private static readonly Lock Writing = new();

    private string Path { get; } = path;

    private string Host { get; } = host;

    private LogLevel Level { get; } = level;

    private string[] Traced { get; init; } = [];

    /// <summary>Adds the file logger to <paramref name="logging"/> if <c>OC_TEST_LOG</c> is set.</summary>
    public static void AddTo(ILoggingBuilder logging, string host)
    {
        if (Environment.GetEnvironmentVariable("OC_TEST_LOG") is { Length: > 0 } path)
        {
            var level = Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("OC_TEST_LOG_LEVEL"), out var parsed) ? parsed : LogLevel.Warning;
            var traced = (Environment.GetEnvironmentVariable("OC_TEST_LOG_TRACE") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            logging.SetMinimumLevel(traced.Length > 0 ? LogLevel.Trace : level);
            logging.AddProvider(new TestLogFile(path, host, level) { Traced = traced });
        }
    }

    public ILogger CreateLogger(string categoryName) => new Writer(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Writer(TestLogFile file, string category) : ILogger
    {
        private readonly LogLevel _level = file.Traced.Any(prefix => category.StartsWith(prefix, StringComparison.Ordinal)) ? LogLevel.Trace : file.Level;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= _level;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var line = $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {file.Host} {category}: {formatter(state, exception)}{(exception is null ? string.Empty : " | " + exception.GetType().Name + ": " + exception.Message)}{Environment.NewLine}";
            lock (Writing)
            {
                File.AppendAllText(file.Path, line);
            }
        }
    }
}
