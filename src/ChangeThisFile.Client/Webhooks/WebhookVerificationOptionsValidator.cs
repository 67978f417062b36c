using ChangeThisFile.Client.Diagnostics;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.Webhooks;

/// <summary>
/// Checks <see cref="WebhookVerificationOptions"/> at start-up and on every reload. Messages
/// name the property, the offending value and the fix. They are true whether the options were set
/// in code or bound from configuration, and never contain a secret.
/// </summary>
public sealed class WebhookVerificationOptionsValidator : IValidateOptions<WebhookVerificationOptions>
{
    private const string OptionsType = nameof(WebhookVerificationOptions);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WebhookVerificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        ValidateSecrets(options.Secrets, failures);

        if (options.Tolerance <= TimeSpan.Zero || options.Tolerance > WebhookVerificationOptions.MaxTolerance)
        {
            failures.Add(
                $"{OptionsType}.Tolerance is {options.Tolerance:c}; set a duration from 00:00:01 to 01:00:00 " +
                "(the default is 00:05:00). Write durations as hh:mm:ss; a bare number such as 300 is " +
                "read as days.");
        }

        if (options.MaxBodySize < 1 || options.MaxBodySize > WebhookVerificationOptions.MaxBodySizeLimit)
        {
            failures.Add(
                $"{OptionsType}.MaxBodySize is {options.MaxBodySize}; set a size in bytes from 1 to " +
                $"{WebhookVerificationOptions.MaxBodySizeLimit} (the default is 1048576).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateSecrets(IList<string>? secrets, List<string> failures)
    {
        if (secrets is null || secrets.Count == 0)
        {
            failures.Add(
                $"{OptionsType}.Secrets is empty; add the webhook secret (whsec_...) returned by " +
                "POST /v1/webhooks/secret, in code or as the Secrets:0 setting of the configuration " +
                "section you bound.");
            return;
        }

        for (var i = 0; i < secrets.Count; i++)
        {
            if (CheckSecret(secrets[i]) is { } problem)
            {
                failures.Add($"{OptionsType}.Secrets[{i}] {problem}");
            }
        }
    }

    private static string? CheckSecret(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return "is empty; remove it or set the secret.";
        }

        if (secret.Trim().Length != secret.Length)
        {
            return "starts or ends with white space; remove it, because the signature covers the " +
                "secret exactly as issued.";
        }

        // 'ctf_sk_' is the only API key prefix the API documents. A secret without 'whsec_' is still
        // accepted, because the form of secrets issued by the older webhook settings is not documented.
        if (secret.StartsWith(SecretShape.ApiKeyPrefix, StringComparison.Ordinal))
        {
            return $"is {SecretShape.Describe(secret)}, which looks like an API key, not a webhook " +
                "secret. Webhook secrets start with 'whsec_' and are returned by POST /v1/webhooks/secret.";
        }

        return null;
    }
}
