using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChangeThisFile.Emulator.Conversion;

/// <summary>
/// Converts between csv, tsv, json and yaml. Tables become arrays of row objects whose keys are
/// the header fields and whose values are strings; csv and tsv input is streamed row by row.
/// </summary>
internal static class DataConverter
{
    private const int FlushThresholdBytes = 64 * 1024;

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static void Convert(Stream input, string source, string target, Stream output)
    {
        using var reader = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        if (source is "csv" or "tsv")
        {
            var records = source == "csv" ? DelimitedText.ReadCsv(reader) : DelimitedText.ReadTsv(reader);
            WriteRows(ReadTable(records), target, output);
            return;
        }

        var root = source == "json" ? JsonData.Read(input) : YamlReader.Read(reader);
        switch (target)
        {
            case "json":
                JsonData.Write(root, output);
                break;
            case "yaml":
                using (var writer = new StreamWriter(output, Utf8NoBom, leaveOpen: true))
                {
                    YamlWriter.Write(root, writer);
                }

                break;
            default:
                var (header, rows) = JsonData.ToTable(root);
                WriteRows(new Table(header, rows), target, output);
                break;
        }
    }

    private static Table ReadTable(IEnumerable<string[]> records)
    {
        var enumerator = records.GetEnumerator();
        if (!enumerator.MoveNext())
        {
            enumerator.Dispose();
            return new Table([], []);
        }

        var header = enumerator.Current;
        var duplicate = header.GroupBy(name => name, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            enumerator.Dispose();
            throw new ConversionFailedException(
                $"The header names the column '{duplicate.Key}' twice; column names must be unique.");
        }

        return new Table(header, CheckedRows(enumerator, header.Length));
    }

    private static IEnumerable<string[]> CheckedRows(IEnumerator<string[]> enumerator, int width)
    {
        using (enumerator)
        {
            var rowNumber = 0;
            while (enumerator.MoveNext())
            {
                rowNumber++;
                var row = enumerator.Current;
                if (row.Length != width)
                {
                    throw new ConversionFailedException(string.Format(
                        CultureInfo.InvariantCulture,
                        "Row {0} has {1} fields but the header has {2}; every row needs one field per column.",
                        rowNumber,
                        row.Length,
                        width));
                }

                yield return row;
            }
        }
    }

    private static void WriteRows(Table table, string target, Stream output)
    {
        switch (target)
        {
            case "json":
                WriteJsonRows(table, output);
                break;
            case "yaml":
                WriteYamlRows(table, output);
                break;
            default:
                WriteDelimitedRows(table, target, output);
                break;
        }
    }

    private static void WriteJsonRows(Table table, Stream output)
    {
        using (var writer = new Utf8JsonWriter(output, JsonData.WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var row in table.Rows)
            {
                writer.WriteStartObject();
                for (var i = 0; i < table.Header.Count; i++)
                {
                    writer.WriteString(table.Header[i], row[i]);
                }

                writer.WriteEndObject();
                if (writer.BytesPending > FlushThresholdBytes)
                {
                    writer.Flush();
                }
            }

            writer.WriteEndArray();
        }

        output.WriteByte((byte)'\n');
    }

    private static void WriteYamlRows(Table table, Stream output)
    {
        using var text = new StreamWriter(output, Utf8NoBom, leaveOpen: true);
        var rows = table.Rows.GetEnumerator();
        using (rows)
        {
            var writer = new YamlWriter(text);
            var hasRows = rows.MoveNext();
            writer.BeginSequence(empty: !hasRows);
            while (hasRows)
            {
                writer.WriteNode(RowObject(table.Header, rows.Current));
                hasRows = rows.MoveNext();
            }

            writer.EndSequence();
            writer.Finish();
        }
    }

    private static JsonObject RowObject(IReadOnlyList<string> header, string[] row)
    {
        var map = new JsonObject();
        for (var i = 0; i < header.Count; i++)
        {
            map[header[i]] = row[i];
        }

        return map;
    }

    private static void WriteDelimitedRows(Table table, string target, Stream output)
    {
        using var writer = new StreamWriter(output, Utf8NoBom, leaveOpen: true);
        if (table.Header.Count == 0)
        {
            return;
        }

        var rowNumber = 0;
        foreach (var row in table.Rows.Prepend([.. table.Header]))
        {
            if (target == "csv")
            {
                DelimitedText.WriteCsvRecord(writer, row);
            }
            else
            {
                DelimitedText.WriteTsvRecord(writer, row, rowNumber, table.Header);
            }

            rowNumber++;
        }
    }

    private sealed record Table(IReadOnlyList<string> Header, IEnumerable<string[]> Rows);
}
