using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChangeThisFile.Emulator.Conversion;

/// <summary>Reads and writes JSON documents for the data routes.</summary>
internal static class JsonData
{
    /// <summary>The deepest nesting accepted in JSON input.</summary>
    public const int MaxDepth = 128;

    /// <summary>Writer settings: two-space indentation and no escaping of readable characters.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions CompactOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Parses a whole JSON document, skipping a leading byte order mark.</summary>
    /// <exception cref="ConversionFailedException">The input is not valid JSON.</exception>
    public static JsonNode? Read(Stream input)
    {
        try
        {
            var options = new JsonDocumentOptions { MaxDepth = MaxDepth, AllowDuplicateProperties = false };
            return JsonNode.Parse(input, documentOptions: options);
        }
        catch (JsonException ex)
        {
            throw new ConversionFailedException($"The input is not valid JSON: {ex.Message}", ex);
        }
    }

    /// <summary>Writes a JSON document with a final line break.</summary>
    public static void Write(JsonNode? root, Stream output)
    {
        using (var writer = new Utf8JsonWriter(output, WriterOptions))
        {
            if (root is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                root.WriteTo(writer);
            }
        }

        output.WriteByte((byte)'\n');
    }

    /// <summary>
    /// Turns an array of objects into a header and rows: columns are the union of the keys in
    /// first-seen order, strings stay as they are, numbers and booleans become their JSON text,
    /// null and missing keys become empty cells, and nested values become compact JSON text.
    /// </summary>
    /// <exception cref="ConversionFailedException">The root is not an array of objects.</exception>
    public static (List<string> Header, List<string[]> Rows) ToTable(JsonNode? root)
    {
        if (root is null)
        {
            return ([], []);
        }

        if (root is not JsonArray array)
        {
            var kind = root.GetValueKind().ToString().ToLowerInvariant();
            throw new ConversionFailedException(
                $"Tabular output needs an array of row objects, but the input is a {kind}.");
        }

        var objects = new List<JsonObject>(array.Count);
        var columns = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            var row = array[i] as JsonObject ?? throw new ConversionFailedException(
                $"Tabular output needs an array of row objects, but element {i} is not an object.");
            objects.Add(row);
            columns.AddRange(row.Select(property => property.Key).Where(seen.Add));
        }

        var rows = objects.Select(row => columns.Select(column => CellText(row[column])).ToArray()).ToList();
        return (columns, rows);
    }

    private static string CellText(JsonNode? value) => value switch
    {
        null => string.Empty,
        JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String => scalar.GetValue<string>(),
        _ => value.ToJsonString(CompactOptions),
    };
}
