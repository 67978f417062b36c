namespace ChangeThisFile.Client.Diagnostics;

/// <summary>
/// Describes an API key or webhook secret for an error message by its length and known prefix,
/// so that the message helps to tell the two apart without revealing either.
/// </summary>
internal static class SecretShape
{
    /// <summary>The prefix of a secret API key.</summary>
    public const string ApiKeyPrefix = "ctf_sk_";

    /// <summary>The prefix of a webhook signing secret.</summary>
    public const string WebhookSecretPrefix = "whsec_";

    /// <summary>
    /// Returns text such as <c>a value of 38 characters starting with 'ctf_sk_'</c>. Only the two
    /// documented prefixes are ever shown, never any other character of the value.
    /// </summary>
    public static string Describe(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var prefix = value.StartsWith(ApiKeyPrefix, StringComparison.Ordinal) ? ApiKeyPrefix
            : value.StartsWith(WebhookSecretPrefix, StringComparison.Ordinal) ? WebhookSecretPrefix
            : null;
        return prefix is null
            ? $"a value of {value.Length} characters with no known prefix"
            : $"a value of {value.Length} characters starting with '{prefix}'";
    }
}
