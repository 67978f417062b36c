using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChangeThisFile.Client.Serialization;

/// <summary>
/// Reads a string that must never fail to deserialize: a number, boolean, object or array is
/// kept as its raw JSON text, and <c>null</c> stays <see langword="null"/>.
/// </summary>
/// <remarks>
/// Public so that a source-generated JSON context in an application can include the library's
/// models, whose properties name this converter.
/// </remarks>
public sealed class LenientStringConverter : JsonConverter<string>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        StringValueJson.Read(ref reader);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}

/// <summary>
/// Reads an ISO 8601 timestamp, or Unix epoch seconds as a number; any other value becomes
/// <see langword="null"/> instead of failing the whole response.
/// </summary>
public sealed class LenientDateTimeOffsetConverter : JsonConverter<DateTimeOffset?>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return DateTimeOffset.TryParse(
                    reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                    ? parsed
                    : null;
            case JsonTokenType.Number when reader.TryGetInt64(out var seconds)
                && seconds >= 0 && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds():
                return DateTimeOffset.FromUnixTimeSeconds(seconds);
            default:
                reader.Skip();
                return null;
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } timestamp)
        {
            writer.WriteStringValue(timestamp);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
