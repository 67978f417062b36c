using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChangeThisFile.Client.Serialization;

/// <summary>
/// Reads a string-backed value that must never fail to deserialize: a JSON string is kept as
/// is, <c>null</c> becomes empty, and a number, boolean, object or array is kept as its raw
/// JSON text so that nothing the server sends is lost or throws.
/// </summary>
internal static class StringValueJson
{
    public static string? Read(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                using (var document = JsonDocument.ParseValue(ref reader))
                {
                    return document.RootElement.GetRawText();
                }

            default:
                return System.Text.Encoding.UTF8.GetString(
                    reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
        }
    }
}

/// <summary>
/// Reads a <see cref="JobStatus"/> from any JSON value without failing and writes it as its text.
/// Public so that a source-generated JSON context in an application can include the library's models.
/// </summary>
public sealed class JobStatusJsonConverter : JsonConverter<JobStatus>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override JobStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(StringValueJson.Read(ref reader));

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, JobStatus value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}

/// <summary>
/// Reads a <see cref="ConversionErrorCode"/> from any JSON value without failing and writes it as
/// its text. Public so that a source-generated JSON context in an application can include the
/// library's models.
/// </summary>
public sealed class ConversionErrorCodeJsonConverter : JsonConverter<ConversionErrorCode>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override ConversionErrorCode Read(
        ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(StringValueJson.Read(ref reader));

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ConversionErrorCode value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
