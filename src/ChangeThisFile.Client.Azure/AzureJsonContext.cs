using System.Text.Json.Serialization;

namespace ChangeThisFile.Client.Azure;

/// <summary>Source-generated JSON for the metadata property of the Table Storage record store.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class AzureJsonContext : JsonSerializerContext;
