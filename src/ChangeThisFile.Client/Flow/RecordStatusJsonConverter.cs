using System.Text.Json;
using System.Text.Json.Serialization;
using ChangeThisFile.Client.Storage;

namespace ChangeThisFile.Client.Flow;

/// <summary>
/// Writes a <see cref="RecordStatus"/> as its text, such as <c>awaiting_upload</c>. Public so that a
/// source-generated JSON context in an application can include the flow's result types.
/// </summary>
public sealed class RecordStatusJsonConverter : JsonConverter<RecordStatus>
{
    /// <inheritdoc />
    public override RecordStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? new RecordStatus(reader.GetString()) : default;

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, RecordStatus value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
