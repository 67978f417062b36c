using ChangeThisFile.Client.Http;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.DependencyInjection;

/// <summary>
/// Validates <see cref="ConversionClientOptions"/> when the host starts; each failure names the
/// setting, its value and the fix. The API key itself never appears in a message.
/// </summary>
internal sealed class ConversionClientOptionsValidator : IValidateOptions<ConversionClientOptions>
{
    // CancellationTokenSource and Task.Delay accept at most about 24.8 days; a round limit below it.
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(24);

    public ValidateOptionsResult Validate(string? name, ConversionClientOptions options)
    {
        var failures = new List<string>();
        ValidateApiKey(options.ApiKey, failures);
        ValidateBaseAddress(options.BaseAddress, failures);
        ValidateTimeouts(options, failures);
        ValidateRetries(options, failures);
        ValidateUserAgentSuffix(options.UserAgentSuffix, failures);
        ValidateTrustedHosts(options.TrustedDownloadHosts, failures);
        if (failures.Count == 0)
        {
            return ValidateOptionsResult.Success;
        }

        var client = string.IsNullOrEmpty(name) ? "The ChangeThisFile client" : $"The ChangeThisFile client '{name}'";
        return ValidateOptionsResult.Fail(failures.Select(failure => $"{client}: {failure}"));
    }

    private static void ValidateApiKey(string? apiKey, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            failures.Add(
                "ApiKey is missing. Set ConversionClientOptions.ApiKey (for example the configuration key " +
                $"ChangeThisFile:ApiKey) or the {ConversionClientOptions.ApiKeyEnvironmentVariable} " +
                "environment variable.");
        }
        else if (apiKey.StartsWith("whsec_", StringComparison.Ordinal))
        {
            failures.Add(
                "ApiKey starts with 'whsec_', which marks a webhook signing secret; " +
                "set the API key (ctf_sk_...) instead.");
        }
        else if (apiKey.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c > '\u007E'))
        {
            failures.Add(
                "ApiKey contains spaces, line breaks or non-ASCII characters; copy the key again without them.");
        }
    }

    private static void ValidateBaseAddress(Uri? baseAddress, List<string> failures)
    {
        if (baseAddress is null || !baseAddress.IsAbsoluteUri
            || (baseAddress.Scheme != Uri.UriSchemeHttps && baseAddress.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add(
                $"BaseAddress '{baseAddress}' must be an absolute http or https URL, " +
                $"such as {ConversionClientOptions.DefaultBaseAddress}.");
            return;
        }

        if (!string.IsNullOrEmpty(baseAddress.Query) || !string.IsNullOrEmpty(baseAddress.Fragment)
            || !string.IsNullOrEmpty(baseAddress.UserInfo))
        {
            failures.Add(
                $"BaseAddress '{Diagnostics.UrlRedaction.Redact(baseAddress)}' must not contain a query string, " +
                "fragment or user information.");
        }

        if (baseAddress.Scheme == Uri.UriSchemeHttp && !baseAddress.IsLoopback)
        {
            failures.Add(
                $"BaseAddress '{baseAddress.GetLeftPart(UriPartial.Authority)}' uses http, which would send the " +
                "API key unencrypted; use https (http is accepted only for loopback hosts such as a local emulator).");
        }
    }

    private static void ValidateTimeouts(ConversionClientOptions options, List<string> failures)
    {
        var valid = ValidateTimeout(nameof(options.AttemptTimeout), options.AttemptTimeout, failures)
            & ValidateTimeout(nameof(options.TotalTimeout), options.TotalTimeout, failures);
        ValidateTimeout(nameof(options.UploadTimeout), options.UploadTimeout, failures);
        ValidateTimeout(nameof(options.DownloadTimeout), options.DownloadTimeout, failures);
        if (valid
            && options.TotalTimeout != Timeout.InfiniteTimeSpan
            && (options.AttemptTimeout == Timeout.InfiniteTimeSpan || options.AttemptTimeout > options.TotalTimeout))
        {
            failures.Add(
                $"AttemptTimeout {Show(options.AttemptTimeout)} exceeds TotalTimeout {Show(options.TotalTimeout)}; " +
                "lower AttemptTimeout or raise TotalTimeout so that at least one attempt fits.");
        }
    }

    private static bool ValidateTimeout(string name, TimeSpan value, List<string> failures)
    {
        if (value == Timeout.InfiniteTimeSpan || (value > TimeSpan.Zero && value <= MaxTimeout))
        {
            return true;
        }

        failures.Add(
            $"{name} {value} must be positive and at most {MaxTimeout}, " +
            "or Timeout.InfiniteTimeSpan (-00:00:00.001) to turn it off.");
        return false;
    }

    private static void ValidateRetries(ConversionClientOptions options, List<string> failures)
    {
        if (options.MaxRetryAttempts is < 0 or > ConversionClientOptions.MaxAllowedRetryAttempts)
        {
            failures.Add(
                $"MaxRetryAttempts {options.MaxRetryAttempts} must be between 0 and " +
                $"{ConversionClientOptions.MaxAllowedRetryAttempts} (0 turns the built-in retry off).");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.RetryBaseDelay > MaxTimeout)
        {
            failures.Add($"RetryBaseDelay {options.RetryBaseDelay} must be zero or positive and at most {MaxTimeout}.");
        }
        else if (options.MaxRetryDelay < options.RetryBaseDelay || options.MaxRetryDelay > MaxTimeout)
        {
            failures.Add(
                $"MaxRetryDelay {options.MaxRetryDelay} must be at least RetryBaseDelay {options.RetryBaseDelay} " +
                $"and at most {MaxTimeout}.");
        }

        if (options.MaxRetryAfter < TimeSpan.Zero || options.MaxRetryAfter > MaxTimeout)
        {
            failures.Add(
                $"MaxRetryAfter {options.MaxRetryAfter} must be zero or positive and at most {MaxTimeout} " +
                "(zero never waits for Retry-After).");
        }
    }

    private static void ValidateUserAgentSuffix(string? suffix, List<string> failures)
    {
        if (suffix is null)
        {
            return;
        }

        using var probe = new HttpRequestMessage();
        if (suffix.Any(c => char.IsControl(c) || c > '\u007E') || !probe.Headers.UserAgent.TryParseAdd(suffix))
        {
            var printable = new string(suffix.Where(c => !char.IsControl(c)).ToArray());
            failures.Add(
                $"UserAgentSuffix '{printable}' is not a valid User-Agent product list; " +
                "use ASCII tokens such as 'MyApp/1.2'.");
        }
    }

    private static void ValidateTrustedHosts(IList<string>? hosts, List<string> failures)
    {
        foreach (var entry in hosts ?? [])
        {
            if (!TrustedHosts.TryParse(entry, out _, out _))
            {
                failures.Add(
                    $"TrustedDownloadHosts entry '{entry}' must be a host name or host:port, without scheme or path, " +
                    "such as files.example.com or 127.0.0.1:9000.");
            }
        }
    }

    private static string Show(TimeSpan value) => value == Timeout.InfiniteTimeSpan ? "infinite" : value.ToString();
}
