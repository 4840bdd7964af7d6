using Microsoft.Extensions.Options;

namespace OrleansCache.Streaming.Providers;

/// <summary>Checks <see cref="ArrivalQueueOptions"/> and the queue count when the host starts.</summary>
internal sealed class ArrivalQueueOptionsValidator : IValidateOptions<ArrivalQueueOptions>
{
    /// <summary>The shortest accepted <see cref="ArrivalQueueOptions.ReaderWait"/>.</summary>
    public static readonly TimeSpan MinReaderWait = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest accepted <see cref="ArrivalQueueOptions.ReaderWait"/>: under Orleans' default 30 s response timeout.</summary>
    public static readonly TimeSpan MaxReaderWait = TimeSpan.FromSeconds(20);

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, ArrivalQueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.ReaderWait < MinReaderWait || options.ReaderWait > MaxReaderWait
            ? ValidateOptionsResult.Fail($"{nameof(ArrivalQueueOptions)}:{nameof(options.ReaderWait)} of stream provider '{name}' is {options.ReaderWait}; accepted: {MinReaderWait:c} to {MaxReaderWait:c}.")
            : ValidateOptionsResult.Success;
    }
}
