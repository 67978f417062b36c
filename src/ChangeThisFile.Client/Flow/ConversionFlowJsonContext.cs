using System.Text.Json.Serialization;

namespace ChangeThisFile.Client.Flow;

/// <summary>
/// Source-generated JSON for the flow's requests and results, with snake_case names, so every
/// host returns the same JSON, trimmed and Native AOT hosts included. Absent values are left out.
/// </summary>
/// <example><c>Results.Json(status, ConversionFlowJsonContext.Default.ConversionStatus)</c></example>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(CreateUploadRequest))]
[JsonSerializable(typeof(CreateUploadResult))]
[JsonSerializable(typeof(SubmitResult))]
[JsonSerializable(typeof(ConversionStatus))]
public sealed partial class ConversionFlowJsonContext : JsonSerializerContext;
