using System.Globalization;
using System.Text;

namespace ChangeThisFile.Emulator.Conversion;

/// <summary>
/// Reads and writes CSV (RFC 4180: comma-separated, fields with commas, quotes or line breaks
/// in double quotes, quotes doubled) and TSV (the IANA text/tab-separated-values form: no
/// quoting, so fields cannot contain tabs or line breaks).
/// </summary>
internal static class DelimitedText
{
    /// <summary>Reads CSV records lazily; blank lines are skipped.</summary>
    /// <exception cref="ConversionFailedException">A quoted field is not closed or text follows a
    /// closing quote.</exception>
    public static IEnumerable<string[]> ReadCsv(TextReader reader)
    {
        var parser = new CsvParser(reader);
        while (parser.ReadRecord() is { } record)
        {
            yield return record;
        }
    }

    /// <summary>Reads TSV records lazily, one per line; blank lines are skipped.</summary>
    public static IEnumerable<string[]> ReadTsv(TextReader reader)
    {
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                yield return line.Split('\t');
            }
        }
    }

    /// <summary>Writes one CSV record ending in CRLF, quoting the fields that need it.</summary>
    public static void WriteCsvRecord(TextWriter writer, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            var field = fields[i];
            if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
            {
                writer.Write(field);
                continue;
            }

            writer.Write('"');
            writer.Write(field.Replace("\"", "\"\"", StringComparison.Ordinal));
            writer.Write('"');
        }

        writer.Write("\r\n");
    }

    /// <summary>Writes one TSV record ending in LF.</summary>
    /// <exception cref="ConversionFailedException">A field contains a tab or a line break.</exception>
    public static void WriteTsvRecord(
        TextWriter writer, IReadOnlyList<string> fields, int rowNumber, IReadOnlyList<string> header)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].AsSpan().IndexOfAny("\t\r\n") >= 0)
            {
                throw new ConversionFailedException(string.Format(
                    CultureInfo.InvariantCulture,
                    "Row {0}, column '{1}' contains a tab or line break, which TSV cannot represent; "
                    + "convert to CSV instead.",
                    rowNumber,
                    i < header.Count ? header[i] : string.Empty));
            }
        }

        writer.Write(string.Join('\t', fields));
        writer.Write('\n');
    }

    /// <summary>A character-level RFC 4180 parser that tracks line numbers for error messages.</summary>
    private sealed class CsvParser(TextReader reader)
    {
        private readonly List<string> _fields = [];
        private readonly StringBuilder _field = new();
        private int _line = 1;
        private bool _quotedField;

        public string[]? ReadRecord()
        {
            while (true)
            {
                var record = ReadPhysicalRecord();
                if (record is null || record.Length > 0)
                {
                    return record;
                }
            }
        }

        // Returns the next line's fields, an empty array for a blank line, or null at the end.
        private string[]? ReadPhysicalRecord()
        {
            _fields.Clear();
            _field.Clear();
            _quotedField = false;
            var sawAnything = false;
            int next;
            while ((next = reader.Read()) != -1)
            {
                sawAnything = true;
                if (ReadCharacter((char)next) is { } record)
                {
                    return record;
                }
            }

            if (!sawAnything)
            {
                return null;
            }

            EndField();
            return [.. _fields];
        }

        // Returns the record when the character ends a line, otherwise null.
        private string[]? ReadCharacter(char c)
        {
            if (c == '"' && _field.Length == 0 && !_quotedField)
            {
                ReadQuotedField();
                _quotedField = true;
                return null;
            }

            if (c == ',')
            {
                EndField();
                return null;
            }

            if (c is '\r' or '\n')
            {
                ConsumeLineEnd(c);
                var blank = _fields.Count == 0 && _field.Length == 0 && !_quotedField;
                EndField();
                return blank ? [] : [.. _fields];
            }

            if (_quotedField)
            {
                throw Failed(
                    $"Line {_line}: '{c}' follows a closing quote; end quoted fields at a comma or line end.");
            }

            _field.Append(c);
            return null;
        }

        private void ReadQuotedField()
        {
            var startLine = _line;
            int next;
            while ((next = reader.Read()) != -1)
            {
                var c = (char)next;
                if (c == '"')
                {
                    if (reader.Peek() != '"')
                    {
                        return;
                    }

                    reader.Read();
                }
                else if (c == '\n')
                {
                    _line++;
                }

                _field.Append(c);
            }

            throw Failed($"Line {startLine}: a quoted field is not closed before the end of the file.");
        }

        private void ConsumeLineEnd(char c)
        {
            if (c == '\r' && reader.Peek() == '\n')
            {
                reader.Read();
            }

            _line++;
        }

        private void EndField()
        {
            _fields.Add(_field.ToString());
            _field.Clear();
            _quotedField = false;
        }

        private static ConversionFailedException Failed(FormattableString message) =>
            new(message.ToString(CultureInfo.InvariantCulture));
    }
}
