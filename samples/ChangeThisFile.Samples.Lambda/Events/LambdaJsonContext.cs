using System.Text.Json.Serialization;
using ChangeThisFile.Client.Flow;

namespace ChangeThisFile.Samples.Lambda.Events;

/// <summary>Source-generated JSON metadata for every type the handlers read or write.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ApiGatewayHttpApiRequest))]
[JsonSerializable(typeof(ApiGatewayRestApiRequest))]
[JsonSerializable(typeof(ApiGatewayHttpApiResponse))]
[JsonSerializable(typeof(ApiGatewayRestApiResponse))]
[JsonSerializable(typeof(CreateUploadBody))]
[JsonSerializable(typeof(CreateUploadResult))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(WebhookAcknowledgement))]
[JsonSerializable(typeof(SubmitSummary))]
public sealed partial class LambdaJsonContext : JsonSerializerContext;
