using System.Text.Json.Serialization;
using ChangeThisFile.Client.Serialization;

namespace ChangeThisFile.Client;

/// <summary>
/// The machine-readable <c>error.code</c> of an API error, such as <c>rate_limited</c>.
/// Codes this version of the library does not know are kept exactly as received.
/// </summary>
/// <remarks>
/// The API reuses <c>bad_request</c> for several HTTP statuses (400, an idempotency key still in
/// flight with 409, and a key reused with another body with 422), so branch on the code together
/// with the HTTP status.
/// </remarks>
[JsonConverter(typeof(ConversionErrorCodeJsonConverter))]
public readonly struct ConversionErrorCode : IEquatable<ConversionErrorCode>
{
    private readonly string? _value;

    /// <summary>Initializes a code from the text the API sends.</summary>
    /// <param name="value">The raw code; <see langword="null"/> is kept as an empty string.</param>
    public ConversionErrorCode(string? value) => _value = value;

    /// <summary>Per-minute rate limit exceeded (HTTP 429); wait for <c>Retry-After</c>.</summary>
    public static ConversionErrorCode RateLimited { get; } = new("rate_limited");

    /// <summary>Monthly conversion allowance used up (HTTP 429).</summary>
    public static ConversionErrorCode QuotaExceeded { get; } = new("quota_exceeded");

    /// <summary>API key missing or revoked (HTTP 401).</summary>
    public static ConversionErrorCode InvalidApiKey { get; } = new("invalid_api_key");

    /// <summary>Unknown job id, or a job older than the retention period (HTTP 404).</summary>
    public static ConversionErrorCode NotFound { get; } = new("not_found");

    /// <summary>Upload over the plan's size cap (HTTP 413).</summary>
    public static ConversionErrorCode FileTooLarge { get; } = new("file_too_large");

    /// <summary>The source and target pair is not supported (HTTP 422).</summary>
    public static ConversionErrorCode UnsupportedRoute { get; } = new("unsupported_route");

    /// <summary>
    /// Invalid request (HTTP 400), an idempotent request still in flight (HTTP 409), or an
    /// idempotency key reused with a different body (HTTP 422).
    /// </summary>
    public static ConversionErrorCode BadRequest { get; } = new("bad_request");

    /// <summary>The conversion engine is unavailable (HTTP 502); safe to retry with back-off.</summary>
    public static ConversionErrorCode ServiceUnavailable { get; } = new("service_unavailable");

    /// <summary>The input could not be converted; reported on failed jobs and <c>job.failed</c> events.</summary>
    public static ConversionErrorCode ConversionFailed { get; } = new("conversion_failed");

    /// <summary>The code exactly as received; empty when the API sent none.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether the API sent no code (for example a non-JSON gateway error page).</summary>
    public bool IsEmpty => Value.Length == 0;

    /// <inheritdoc />
    public bool Equals(ConversionErrorCode other) =>
        string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ConversionErrorCode other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>Returns the code exactly as received.</summary>
    public override string ToString() => Value;

    /// <summary>Compares two codes without regard to letter case.</summary>
    public static bool operator ==(ConversionErrorCode left, ConversionErrorCode right) => left.Equals(right);

    /// <summary>Compares two codes without regard to letter case.</summary>
    public static bool operator !=(ConversionErrorCode left, ConversionErrorCode right) => !left.Equals(right);
}
