using System.Text.Json.Serialization;

namespace ChangeThisFile.Client.Flow;

/// <summary>
/// Source-generated JSON for the flow's requests and results, with snake_case names, so hosts
/// answer the same JSON everywhere, trimmed and Native AOT included. Absent values are left out.
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
