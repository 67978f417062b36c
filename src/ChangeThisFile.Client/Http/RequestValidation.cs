using System.Buffers;

namespace ChangeThisFile.Client.Http;

/// <summary>Checks caller input before anything is sent, with messages that name the value and the fix.</summary>
internal static class RequestValidation
{
    private const int MaxIdempotencyKeyLength = 128;
    private const int MaxQuality = 100;
    private const int MaxEchoedLength = 64;

    private static readonly SearchValues<char> IdempotencyKeyCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-:+/");

    private static readonly SearchValues<char> FormatCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    /// <summary>Returns a new idempotency key: a random UUID, which satisfies the API's rules.</summary>
    public static string NewIdempotencyKey() => Guid.NewGuid().ToString("D");

    public static string IdempotencyKey(string? key, string parameterName = "IdempotencyKey")
    {
        if (key is null)
        {
            return NewIdempotencyKey();
        }

        if (key.Length is 0 or > MaxIdempotencyKeyLength)
        {
            throw new ArgumentException(
                $"The idempotency key has {key.Length} characters; use 1 to {MaxIdempotencyKeyLength}, " +
                "or null to let the client generate one.",
                parameterName);
        }

        var bad = key.AsSpan().IndexOfAnyExcept(IdempotencyKeyCharacters);
        if (bad >= 0)
        {
            throw new ArgumentException(
                $"The idempotency key '{Echo(key)}' contains '{Echo(key[bad].ToString())}' at position {bad}; " +
                "use only the characters A-Z a-z 0-9 . _ - : + /.",
                parameterName);
        }

        return key;
    }

    public static void Format(string? format, string parameterName, bool required)
    {
        if (format is null && !required)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(format))
        {
            throw new ArgumentException(
                $"The {parameterName} format is empty; pass a file extension such as 'webp' or 'pdf'.", parameterName);
        }

        if (format.AsSpan().IndexOfAnyExcept(FormatCharacters) >= 0)
        {
            throw new ArgumentException(
                $"The {parameterName} format '{Echo(format)}' is not a file extension; use letters, digits and " +
                "'.', '-' or '_' only, such as 'webp' or 'tar.gz'.",
                parameterName);
        }
    }

    public static void Quality(int? quality, string parameterName = "Quality")
    {
        if (quality is < 1 or > MaxQuality)
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                quality,
                $"The quality {quality} is out of range; use 1 to {MaxQuality}, or null for the API's default.");
        }
    }

    public static void HttpUrl(Uri? url, string parameterName, bool required)
    {
        if (url is null)
        {
            if (required)
            {
                throw new ArgumentNullException(parameterName);
            }

            return;
        }

        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException(
                $"The {parameterName} '{Diagnostics.UrlRedaction.Redact(url)}' is not an absolute http or https URL.",
                parameterName);
        }
    }

    /// <summary>Rejects content whose forward-only stream an earlier call already read.</summary>
    public static void Unsent(UploadContent content)
    {
        if (!content.Source.CanSend)
        {
            throw new ArgumentException(
                $"The upload content '{Echo(content.FileName)}' comes from a forward-only stream that an earlier " +
                "call already read; create a new UploadContent for each call.",
                nameof(content));
        }
    }

    public static string JobId(string? jobId)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        if (string.IsNullOrWhiteSpace(jobId) || jobId is "." or ".." || HasControlCharacter(jobId))
        {
            throw new ArgumentException(
                $"The job id '{Echo(jobId)}' is not valid; " +
                "pass the job_id the API returned when the job was submitted.",
                nameof(jobId));
        }

        return jobId;
    }

    // The same characters as char.IsControl: U+0000 to U+001F and U+007F to U+009F.
    private static bool HasControlCharacter(string value) =>
        value.AsSpan().IndexOfAnyInRange('\u0000', '\u001F') >= 0
        || value.AsSpan().IndexOfAnyInRange('\u007F', '\u009F') >= 0;

    // Caller input shown in a message is cut short and stripped of control characters.
    private static string Echo(string value)
    {
        var printable = new string(value.Where(c => !char.IsControl(c)).Take(MaxEchoedLength).ToArray());
        return value.Length > MaxEchoedLength ? printable + "..." : printable;
    }
}
