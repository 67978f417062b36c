using System.Globalization;
using System.Net.Http.Headers;

namespace ChangeThisFile.Client.Http;

/// <summary>Reads the API's informational response headers without ever throwing on odd values.</summary>
internal static class ResponseHeaders
{
    private const int MaxEchoedHeaderLength = 200;

    // Values below this are read as seconds from now rather than as Unix epoch seconds (2001-09-09).
    private const long SmallestEpochSeconds = 1_000_000_000;

    private static readonly long MaxEpochSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    private static readonly string[] RequestIdHeaders = ["X-Request-Id", "Request-Id", "X-Correlation-Id", "CF-Ray"];

    /// <summary>Returns the wait from <c>Retry-After</c>, as delta seconds or an HTTP date.</summary>
    public static TimeSpan? GetRetryAfter(HttpResponseMessage response, TimeProvider timeProvider)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>Returns the <c>X-RateLimit-*</c> figures, or <see langword="null"/> when none is present.</summary>
    public static RateLimitInfo? GetRateLimit(HttpResponseMessage response, TimeProvider timeProvider)
    {
        var limit = GetInt64(response.Headers, "X-RateLimit-Limit");
        var remaining = GetInt64(response.Headers, "X-RateLimit-Remaining");
        var reset = GetInt64(response.Headers, "X-RateLimit-Reset");
        if (limit is null && remaining is null && reset is null)
        {
            return null;
        }

        DateTimeOffset? resetsAt = reset switch
        {
            null => null,
            < SmallestEpochSeconds => timeProvider.GetUtcNow().AddSeconds(reset.Value),
            _ when reset.Value <= MaxEpochSeconds => DateTimeOffset.FromUnixTimeSeconds(reset.Value),
            _ => null,
        };
        return new RateLimitInfo(limit, remaining, resetsAt);
    }

    /// <summary>Returns the first request id header, cut to printable ASCII.</summary>
    public static string? GetRequestId(HttpResponseMessage response)
    {
        foreach (var name in RequestIdHeaders)
        {
            if (GetFirst(response.Headers, name) is { } value)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>Parses <c>X-Conversion-Time</c>: <c>212ms</c>, <c>1.5s</c> or a bare number of milliseconds.</summary>
    public static TimeSpan? GetConversionTime(HttpResponseMessage response)
    {
        var text = GetFirst(response.Headers, "X-Conversion-Time")?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var scale = 1.0;
        if (text.EndsWith("ms", StringComparison.OrdinalIgnoreCase))
        {
            text = text[..^2];
        }
        else if (text.EndsWith('s') || text.EndsWith('S'))
        {
            text = text[..^1];
            scale = 1000.0;
        }

        return double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && value >= 0 && value * scale < TimeSpan.MaxValue.TotalMilliseconds
            ? TimeSpan.FromMilliseconds(value * scale)
            : null;
    }

    /// <summary>Returns the <c>Content-Disposition</c> file name with any directory part removed.</summary>
    public static string? GetFileName(HttpContentHeaders headers)
    {
        var disposition = headers.ContentDisposition;
        var name = disposition?.FileNameStar ?? disposition?.FileName;
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        name = name.Trim().Trim('"');
        var slash = name.LastIndexOfAny(['/', '\\']);
        name = slash >= 0 ? name[(slash + 1)..] : name;
        return name.Length == 0 || name is "." or ".." ? null : name;
    }

    private static long? GetInt64(HttpResponseHeaders headers, string name) =>
        long.TryParse(GetFirst(headers, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private static string? GetFirst(HttpResponseHeaders headers, string name)
    {
        if (!headers.NonValidated.TryGetValues(name, out var values))
        {
            return null;
        }

        foreach (var value in values)
        {
            // The usual header, short printable ASCII, needs no filtered copy.
            if (value.Length <= MaxEchoedHeaderLength && value.AsSpan().IndexOfAnyExceptInRange(' ', '~') < 0)
            {
                var trimmed = value.Trim();
                if (trimmed.Length > 0)
                {
                    return trimmed;
                }

                continue;
            }

            var printable = value.Where(c => c is >= ' ' and < (char)0x7F).Take(MaxEchoedHeaderLength);
            var clean = new string(printable.ToArray()).Trim();
            if (clean.Length > 0)
            {
                return clean;
            }
        }

        return null;
    }
}
