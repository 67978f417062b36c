using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChangeThisFile.Client.Serialization;

/// <summary>
/// Source-generated serialization of the API client's bodies; numbers sent as strings are accepted.
/// </summary>
[JsonSourceGenerationOptions(
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(ConversionJob))]
[JsonSerializable(typeof(JobHandle))]
[JsonSerializable(typeof(ConversionError))]
[JsonSerializable(typeof(AccountUsage))]
[JsonSerializable(typeof(FreeApiKey))]
[JsonSerializable(typeof(ApiKeyRotation))]
[JsonSerializable(typeof(WebhookSecretRotation))]
[JsonSerializable(typeof(WebhookTestResult))]
[JsonSerializable(typeof(FreeKeyRequest))]
[JsonSerializable(typeof(WebhookTestRequest))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class ConversionClientJsonContext : JsonSerializerContext;
