using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChangeThisFile.Emulator.Api;

/// <summary>Source-generated JSON metadata for every body the emulator reads or writes.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ErrorEnvelope))]
[JsonSerializable(typeof(JobCreatedResponse))]
[JsonSerializable(typeof(JobResponse))]
[JsonSerializable(typeof(JobListResponse))]
[JsonSerializable(typeof(UsageResponse))]
[JsonSerializable(typeof(FreeKeyRequest))]
[JsonSerializable(typeof(FreeKeyResponse))]
[JsonSerializable(typeof(KeyRotationResponse))]
[JsonSerializable(typeof(WebhookSecretResponse))]
[JsonSerializable(typeof(WebhookTestRequest))]
[JsonSerializable(typeof(WebhookTestResponse))]
[JsonSerializable(typeof(CurrentWebhookPayload))]
[JsonSerializable(typeof(LegacyWebhookPayload))]
internal sealed partial class EmulatorJsonContext : JsonSerializerContext;

/// <summary>The JSON settings of the emulator's bodies and the timestamp format.</summary>
internal static class EmulatorJson
{
    /// <summary>
    /// The serializer context: snake_case names, nulls left out, and URLs kept readable
    /// (<c>&amp;</c> and <c>+</c> are not escaped as <c>\u0026</c> and <c>\u002B</c>).
    /// </summary>
    public static EmulatorJsonContext Context { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>Formats a time as ISO 8601 UTC with second precision and a <c>Z</c> suffix.</summary>
    public static string FormatTimestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Drops the fraction of a second, so stored times match what responses show.</summary>
    public static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
