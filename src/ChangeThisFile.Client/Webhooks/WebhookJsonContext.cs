using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChangeThisFile.Client.Webhooks;

/// <summary>Source-generated JSON metadata for the parts of a webhook body read by the serializer.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ConversionError))]
internal sealed partial class WebhookJsonContext : JsonSerializerContext;
