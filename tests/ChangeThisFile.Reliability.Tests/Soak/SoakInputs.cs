using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ChangeThisFile.Reliability.Tests.Soak;

/// <summary>One conversion of a soak run: its number, input file, target and a check of its output.</summary>
public sealed record SoakConversion(long Number, string FileName, byte[] Input, string Target)
{
    /// <summary>The idempotency key: one per conversion, reused by every submission attempt.</summary>
    public string IdempotencyKey(string runId) => $"soak-{runId}-{Number.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The value that <c>webhook_metadata</c> carries back to find the conversion.</summary>
    public string Tag => Number.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether the output is the conversion of this input: it must carry the conversion's number.</summary>
    public bool IsExpectedOutput(byte[] output)
    {
        var tag = "n" + Tag;
        try
        {
            return Target switch
            {
                "json" => JsonDocument.Parse(output).RootElement[0].GetProperty("id").GetString() == tag,
                "csv" => Encoding.UTF8.GetString(output).Split('\n')[1].StartsWith(tag + ",", StringComparison.Ordinal),
                _ => Encoding.UTF8.GetString(output).Contains("Conversion " + tag, StringComparison.Ordinal),
            };
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

/// <summary>Creates soak conversions over four routes in turn: csv, json and yaml to json or csv, md to html.</summary>
public static class SoakInputs
{
    public static SoakConversion Create(long number)
    {
        var tag = "n" + number.ToString(CultureInfo.InvariantCulture);
        return (number % 4) switch
        {
            0 => new SoakConversion(number, "rows.csv", Utf8($"id,name,count\n{tag},item,1\nx{tag},other,2\n"), "json"),
            1 => new SoakConversion(number, "rows.json", Utf8($$"""[{"id":"{{tag}}","name":"item"}]"""), "csv"),
            2 => new SoakConversion(number, "rows.yaml", Utf8($"- id: \"{tag}\"\n  name: item\n"), "json"),
            _ => new SoakConversion(number, "notes.md", Utf8($"# Conversion {tag}\n\nSome **bold** text.\n"), "html"),
        };
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
