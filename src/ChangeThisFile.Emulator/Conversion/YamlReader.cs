using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ChangeThisFile.Emulator.Conversion;

/// <summary>
/// Reads one YAML document into a JSON tree from the parser's events, without recursion, so
/// that deep nesting and alias expansion (billion laughs) end in a clear error, not a crash.
/// </summary>
internal sealed class YamlReader
{
    /// <summary>The deepest nesting of sequences and mappings accepted.</summary>
    public const int MaxDepth = 128;

    /// <summary>The most values a document may expand to, counting every alias copy.</summary>
    public const int MaxNodes = 1_000_000;

    private readonly IParser _parser;
    private readonly Stack<Frame> _frames = new();
    private readonly Dictionary<string, (JsonNode? Node, int Count)> _anchors = new(StringComparer.Ordinal);
    private JsonNode? _root;
    private bool _hasRoot;
    private int _nodeCount;

    private YamlReader(TextReader reader) => _parser = new Parser(reader);

    /// <summary>Reads a single-document YAML text; an empty text reads as JSON null.</summary>
    /// <exception cref="ConversionFailedException">The text is not valid YAML, has several
    /// documents or is too large.</exception>
    public static JsonNode? Read(TextReader reader)
    {
        try
        {
            return new YamlReader(reader).ReadDocument();
        }
        catch (YamlException ex)
        {
            throw new ConversionFailedException($"The input is not valid YAML: {ex.Message}", ex);
        }
    }

    private JsonNode? ReadDocument()
    {
        _parser.Consume<StreamStart>();
        if (!_parser.TryConsume<DocumentStart>(out _))
        {
            return null;
        }

        while (!_parser.TryConsume<DocumentEnd>(out _))
        {
            Handle(_parser.Consume<ParsingEvent>());
        }

        if (_parser.Accept<DocumentStart>(out var second))
        {
            throw Failed(second, "the input contains more than one YAML document; send one document");
        }

        return _root;
    }

    private void Handle(ParsingEvent parsingEvent)
    {
        switch (parsingEvent)
        {
            case Scalar scalar:
                HandleScalar(scalar);
                break;
            case SequenceStart start:
                Push(new Frame(new JsonArray(), start.Anchor.IsEmpty ? null : start.Anchor.Value, _nodeCount), start);
                break;
            case MappingStart start:
                Push(new Frame(new JsonObject(), start.Anchor.IsEmpty ? null : start.Anchor.Value, _nodeCount), start);
                break;
            case SequenceEnd or MappingEnd:
                Pop();
                break;
            case AnchorAlias alias:
                HandleAlias(alias);
                break;
            default:
                break;
        }
    }

    private void HandleScalar(Scalar scalar)
    {
        if (_frames.TryPeek(out var frame) && frame.ExpectsKey)
        {
            frame.PendingKey = scalar.Value;
            frame.KeyMark = scalar.Start;
            return;
        }

        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        var node = YamlScalars.Resolve(scalar.Value, scalar.Style == ScalarStyle.Plain, tag);
        Count(scalar, 1);
        if (!scalar.Anchor.IsEmpty)
        {
            _anchors[scalar.Anchor.Value] = (node, 1);
        }

        Attach(node, scalar);
    }

    private void HandleAlias(AnchorAlias alias)
    {
        if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
        {
            throw Failed(alias, $"the alias '*{alias.Value.Value}' names no anchor defined before it");
        }

        if (_frames.TryPeek(out var frame) && frame.ExpectsKey)
        {
            frame.PendingKey = anchored.Node is JsonValue value
                ? value.ToString()
                : throw Failed(alias, "a mapping key must be a scalar");
            frame.KeyMark = alias.Start;
            return;
        }

        Count(alias, anchored.Count);
        Attach(anchored.Node?.DeepClone(), alias);
    }

    private void Push(Frame frame, ParsingEvent start)
    {
        if (_frames.TryPeek(out var parent) && parent.ExpectsKey)
        {
            throw Failed(start, "a mapping key must be a scalar, not a sequence or mapping");
        }

        if (_frames.Count >= MaxDepth)
        {
            throw Failed(start, $"the nesting is deeper than {MaxDepth} levels");
        }

        Count(start, 1);
        _frames.Push(frame);
    }

    private void Pop()
    {
        var frame = _frames.Pop();
        if (frame.Anchor is { } anchor)
        {
            _anchors[anchor] = (frame.Container, _nodeCount - frame.CountAtStart);
        }

        Attach(frame.Container, null);
    }

    private void Attach(JsonNode? node, ParsingEvent? source)
    {
        if (!_frames.TryPeek(out var parent))
        {
            _root = _hasRoot ? throw Failed(source, "unexpected second root value") : node;
            _hasRoot = true;
            return;
        }

        if (parent.Container is JsonArray array)
        {
            array.Add(node);
            return;
        }

        var map = (JsonObject)parent.Container;
        var key = parent.PendingKey!;
        if (map.ContainsKey(key))
        {
            throw new ConversionFailedException(string.Format(
                CultureInfo.InvariantCulture,
                "The input has the key '{0}' twice in one mapping (line {1}).",
                key,
                parent.KeyMark.Line));
        }

        map[key] = node;
        parent.PendingKey = null;
    }

    private void Count(ParsingEvent source, int nodes)
    {
        _nodeCount += nodes;
        if (_nodeCount > MaxNodes)
        {
            throw Failed(source, $"the document expands to more than {MaxNodes} values");
        }
    }

    private static ConversionFailedException Failed(ParsingEvent? source, string reason) =>
        new(source is null
            ? $"The YAML input is not supported: {reason}."
            : string.Format(
                CultureInfo.InvariantCulture,
                "The YAML input is not supported: {0} (line {1}).",
                reason,
                source.Start.Line));

    private sealed class Frame(JsonNode container, string? anchor, int countAtStart)
    {
        public JsonNode Container { get; } = container;

        public string? Anchor { get; } = anchor;

        public int CountAtStart { get; } = countAtStart;

        public string? PendingKey { get; set; }

        public Mark KeyMark { get; set; } = Mark.Empty;

        public bool ExpectsKey => Container is JsonObject && PendingKey is null;
    }
}
