using System.Text;
using System.Text.Json;
using Microsoft.VisualBasic.FileIO;

namespace ChangeThisFile.Emulator.Tests.Infrastructure;

/// <summary>
/// The rows behind the data-route tests, with the awkward cases: commas, quotes, a line break,
/// non-ASCII text, an empty cell and strings that look like numbers or booleans. Each input
/// format is written here independently of the emulator, and outputs are parsed back with
/// other libraries (TextFieldParser, System.Text.Json, YamlDotNet).
/// </summary>
public static class TableData
{
    public static readonly string[] Header = ["name", "city", "note", "count"];

    public static readonly string[][] Rows =
    [
        ["Smith, Jane", "Zürich", "says \"hi\"", "042"],
        ["O'Brien", "São Paulo", "", "true"],
        ["Lee", "東京", "two\nlines", "3.50"],
    ];

    /// <summary>Rows without tabs or line breaks, which TSV can carry.</summary>
    public static readonly string[][] TsvSafeRows = [Rows[0], Rows[1], ["Lee", "東京", "one line", "3.50"]];

    public static List<Dictionary<string, string>> Expected(string[][] rows) =>
        [.. rows.Select(row => Header.Zip(row).ToDictionary(pair => pair.First, pair => pair.Second))];

    public static byte[] Input(string format, string[][] rows) => format switch
    {
        "csv" => Utf8(string.Join("\r\n", new[] { Header }.Concat(rows).Select(CsvLine)) + "\r\n"),
        "tsv" => Utf8(string.Join("\n", new[] { Header }.Concat(rows).Select(row => string.Join('\t', row))) + "\n"),
        "json" => JsonSerializer.SerializeToUtf8Bytes(Expected(rows)),
        "yaml" => Utf8(YamlWriter.Serialize(Expected(rows))),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "No table input for this format."),
    };

    public static List<Dictionary<string, string>> Parse(string format, byte[] output) => format switch
    {
        "csv" => ParseDelimited(output, ","),
        "tsv" => ParseDelimited(output, "\t"),
        "json" => JsonSerializer.Deserialize<List<Dictionary<string, string>>>(output)!,
        "yaml" => new YamlDotNet.Serialization.DeserializerBuilder().Build()
            .Deserialize<List<Dictionary<string, string>>>(Encoding.UTF8.GetString(output)),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "No parser for this format."),
    };

    private static readonly YamlDotNet.Serialization.ISerializer YamlWriter =
        new YamlDotNet.Serialization.SerializerBuilder().WithQuotingNecessaryStrings().Build();

    private static List<Dictionary<string, string>> ParseDelimited(byte[] output, string delimiter)
    {
        using var parser = new TextFieldParser(new MemoryStream(output), Encoding.UTF8)
        {
            Delimiters = [delimiter],
            HasFieldsEnclosedInQuotes = delimiter == ",",
            TrimWhiteSpace = false,
        };
        var header = parser.ReadFields()!;
        var rows = new List<Dictionary<string, string>>();
        while (parser.ReadFields() is { } fields)
        {
            rows.Add(header.Select((name, i) => (name, fields[i])).ToDictionary(pair => pair.name, pair => pair.Item2));
        }

        return rows;
    }

    private static string CsvLine(string[] fields) =>
        string.Join(',', fields.Select(field => field.IndexOfAny([',', '"', '\n', '\r']) >= 0
            ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : field));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
