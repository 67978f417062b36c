using System.Text.Json.Serialization;
using ChangeThisFile.Client.Flow;

namespace ChangeThisFile.Samples.Functions.Http;

/// <summary>Source-generated JSON metadata for every body the functions read or write.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CreateUploadBody))]
[JsonSerializable(typeof(CreateUploadResult))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(WebhookAcknowledgement))]
public sealed partial class FunctionsJsonContext : JsonSerializerContext;
