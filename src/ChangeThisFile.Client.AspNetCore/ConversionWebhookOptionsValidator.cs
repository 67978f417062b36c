using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.AspNetCore;

/// <summary>
/// Checks <see cref="ConversionWebhookOptions"/> at start-up and on every reload; each message
/// names the property, its value and the accepted range, whether the options were set in code or
/// bound from configuration.
/// </summary>
public sealed class ConversionWebhookOptionsValidator : IValidateOptions<ConversionWebhookOptions>
{
    private const string OptionsType = nameof(ConversionWebhookOptions);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ConversionWebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        CheckRange(failures, nameof(options.BodyReadTimeout), options.BodyReadTimeout,
            TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        CheckRange(failures, nameof(options.DrainTimeout), options.DrainTimeout,
            TimeSpan.Zero, TimeSpan.FromMinutes(10));
        CheckRange(failures, nameof(options.QueuedRetryDelay), options.QueuedRetryDelay,
            TimeSpan.Zero, TimeSpan.FromMinutes(10));
        CheckRange(failures, nameof(options.DeduplicationWindow), options.DeduplicationWindow,
            TimeSpan.Zero, TimeSpan.FromDays(30));
        CheckRange(failures, nameof(options.InFlightLease), options.InFlightLease,
            TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        CheckRange(failures, nameof(options.RetryAfter), options.RetryAfter,
            TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        CheckRange(failures, nameof(options.QueueCapacity), options.QueueCapacity, 1, 1_000_000);
        CheckRange(failures, nameof(options.QueueConcurrency), options.QueueConcurrency, 1, 64);
        CheckRange(failures, nameof(options.QueuedMaxAttempts), options.QueuedMaxAttempts, 1, 20);

        if (!Enum.IsDefined(options.Mode))
        {
            failures.Add($"{OptionsType}.Mode is {(int)options.Mode}; set Inline or Queued.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckRange(List<string> failures, string setting, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add(
                $"{OptionsType}.{setting} is {value:c}; set a duration from {min:c} to {max:c}. Write durations " +
                "as hh:mm:ss (00:00:30 is 30 seconds); a bare number such as 30 is read as days.");
        }
    }

    private static void CheckRange(List<string> failures, string setting, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{OptionsType}.{setting} is {value}; set a whole number from {min} to {max}.");
        }
    }
}
