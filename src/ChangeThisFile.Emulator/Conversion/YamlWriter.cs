using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ChangeThisFile.Emulator.Conversion;

/// <summary>
/// Writes JSON values as block-style YAML, quoting every string that would otherwise read back
/// as a number, boolean or null.
/// </summary>
internal sealed class YamlWriter
{
    private readonly Emitter _emitter;

    public YamlWriter(TextWriter output)
    {
        _emitter = new Emitter(output, EmitterSettings.Default.WithBestWidth(int.MaxValue));
        _emitter.Emit(new StreamStart());
        _emitter.Emit(new DocumentStart());
    }

    /// <summary>Writes a whole document.</summary>
    public static void Write(JsonNode? root, TextWriter output)
    {
        var writer = new YamlWriter(output);
        writer.WriteNode(root);
        writer.Finish();
    }

    /// <summary>Writes one value: objects as mappings, arrays as sequences, scalars typed.</summary>
    public void WriteNode(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject map:
                BeginMapping(map.Count == 0);
                foreach (var (key, value) in map)
                {
                    WriteString(key);
                    WriteNode(value);
                }

                EndMapping();
                break;
            case JsonArray array:
                BeginSequence(array.Count == 0);
                foreach (var item in array)
                {
                    WriteNode(item);
                }

                EndSequence();
                break;
            case JsonValue value:
                WriteValue(value);
                break;
            default:
                WritePlain("null");
                break;
        }
    }

    public void BeginSequence(bool empty)
    {
        var style = empty ? SequenceStyle.Flow : SequenceStyle.Block;
        _emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, style));
    }

    public void EndSequence() => _emitter.Emit(new SequenceEnd());

    public void BeginMapping(bool empty)
    {
        var style = empty ? MappingStyle.Flow : MappingStyle.Block;
        _emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, style));
    }

    public void EndMapping() => _emitter.Emit(new MappingEnd());

    /// <summary>Writes a string so that it reads back as the same string.</summary>
    public void WriteString(string value)
    {
        var style = YamlScalars.NeedsQuotes(value) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any;
        _emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value, style, true, true));
    }

    public void Finish()
    {
        _emitter.Emit(new DocumentEnd(true));
        _emitter.Emit(new StreamEnd());
    }

    private void WriteValue(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(value.GetValue<string>());
                break;
            case JsonValueKind.True:
                WritePlain("true");
                break;
            case JsonValueKind.False:
                WritePlain("false");
                break;
            case JsonValueKind.Number:
                WritePlain(value.ToJsonString());
                break;
            default:
                WritePlain("null");
                break;
        }
    }

    private void WritePlain(string text) =>
        _emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, ScalarStyle.Plain, true, false));
}
