using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.Webhooks;

/// <summary>
/// Checks <see cref="WebhookVerificationOptions"/> at start-up and on every reload. Messages
/// name the setting, the offending value and the fix, and never contain a secret.
/// </summary>
public sealed class WebhookVerificationOptionsValidator : IValidateOptions<WebhookVerificationOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WebhookVerificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        ValidateSecrets(options.Secrets, failures);

        if (options.Tolerance <= TimeSpan.Zero || options.Tolerance > WebhookVerificationOptions.MaxTolerance)
        {
            failures.Add(
                $"Webhooks:Tolerance is {options.Tolerance:c}; set a value from 00:00:01 to 01:00:00 " +
                "(hh:mm:ss; the default is 00:05:00). A bare number such as 300 is read as days.");
        }

        if (options.MaxBodySize < 1 || options.MaxBodySize > WebhookVerificationOptions.MaxBodySizeLimit)
        {
            failures.Add(
                $"Webhooks:MaxBodySize is {options.MaxBodySize}; set a size in bytes from 1 to " +
                $"{WebhookVerificationOptions.MaxBodySizeLimit} (the default is 1048576).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateSecrets(IList<string>? secrets, List<string> failures)
    {
        if (secrets is null || secrets.Count == 0)
        {
            failures.Add(
                "Webhooks:Secrets is empty; add the webhook secret (whsec_...) returned by " +
                "POST /v1/webhooks/secret, for example as Webhooks:Secrets:0.");
            return;
        }

        for (var i = 0; i < secrets.Count; i++)
        {
            var secret = secrets[i];
            if (string.IsNullOrWhiteSpace(secret))
            {
                failures.Add($"Webhooks:Secrets:{i} is empty; remove it or set the secret.");
            }
            else if (secret.Trim().Length != secret.Length)
            {
                failures.Add(
                    $"Webhooks:Secrets:{i} starts or ends with white space; remove it, because the " +
                    "signature covers the secret exactly as issued.");
            }
        }
    }
}
