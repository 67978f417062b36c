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

internal sealed class JobStatusJsonConverter : JsonConverter<JobStatus>
{
    public override bool HandleNull => true;

    public override JobStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(StringValueJson.Read(ref reader));

    public override void Write(Utf8JsonWriter writer, JobStatus value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}

internal sealed class ConversionErrorCodeJsonConverter : JsonConverter<ConversionErrorCode>
{
    public override bool HandleNull => true;

    public override ConversionErrorCode Read(
        ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(StringValueJson.Read(ref reader));

    public override void Write(Utf8JsonWriter writer, ConversionErrorCode value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
