using System.Text.Json.Serialization;

namespace ChangeThisFile.Client.Local;

/// <summary>Source-generated JSON for the metadata column of the SQLite record store.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class LocalJsonContext : JsonSerializerContext;
