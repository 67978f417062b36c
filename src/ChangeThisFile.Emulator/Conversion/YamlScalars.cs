using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ChangeThisFile.Emulator.Conversion;

/// <summary>
/// Resolves plain YAML scalars to JSON values with the YAML 1.2 core schema (null, booleans,
/// integers in decimal, octal <c>0o</c> and hex <c>0x</c>, floats), and decides which strings
/// must be quoted so that they read back as strings.
/// </summary>
internal static partial class YamlScalars
{
    private const string CoreStringTag = "tag:yaml.org,2002:str";

    /// <summary>Resolves a scalar: quoted, block and <c>!!str</c>-tagged scalars stay strings.</summary>
    public static JsonNode? Resolve(string value, bool plain, string? tag)
    {
        if (!plain || tag == CoreStringTag)
        {
            return JsonValue.Create(value);
        }

        if (IsNull(value))
        {
            return null;
        }

        if (TryParseBoolean(value, out var boolean))
        {
            return JsonValue.Create(boolean);
        }

        return TryParseInteger(value) ?? TryParseFloat(value) ?? JsonValue.Create(value);
    }

    /// <summary>
    /// Whether a string written plain would be read back as something other than the same string,
    /// by this resolver or by a YAML 1.1 reader (<c>yes</c>, <c>no</c>, <c>on</c>, <c>off</c>).
    /// </summary>
    public static bool NeedsQuotes(string value) =>
        IsNull(value)
        || TryParseBoolean(value, out _)
        || Yaml11Boolean().IsMatch(value)
        || DecimalInteger().IsMatch(value)
        || OctalInteger().IsMatch(value)
        || HexInteger().IsMatch(value)
        || Float().IsMatch(value)
        || SpecialFloat().IsMatch(value);

    private static bool IsNull(string value) => value is "" or "~" or "null" or "Null" or "NULL";

    private static bool TryParseBoolean(string value, out bool result)
    {
        result = value is "true" or "True" or "TRUE";
        return result || value is "false" or "False" or "FALSE";
    }

    private static JsonNode? TryParseInteger(string value)
    {
        if (DecimalInteger().IsMatch(value))
        {
            var number = BigInteger.Parse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            return ToJsonNumber(number);
        }

        if (OctalInteger().IsMatch(value) || HexInteger().IsMatch(value))
        {
            var isHex = value[1] == 'x';
            var digits = value[2..];
            var number = BigInteger.Zero;
            foreach (var digit in digits)
            {
                number = (number * (isHex ? 16 : 8)) + Convert.ToInt32(digit.ToString(), isHex ? 16 : 8);
            }

            return ToJsonNumber(number);
        }

        return null;
    }

    private static JsonNode ToJsonNumber(BigInteger number) =>
        number >= long.MinValue && number <= long.MaxValue
            ? JsonValue.Create((long)number)
            : JsonNode.Parse(number.ToString(CultureInfo.InvariantCulture))!;

    private static JsonValue? TryParseFloat(string value)
    {
        if (!Float().IsMatch(value))
        {
            return null;
        }

        var number = double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsFinite(number) ? JsonValue.Create(number) : JsonValue.Create(value);
    }

    [GeneratedRegex("^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalInteger();

    [GeneratedRegex("^0o[0-7]+$", RegexOptions.CultureInvariant)]
    private static partial Regex OctalInteger();

    [GeneratedRegex("^0x[0-9a-fA-F]+$", RegexOptions.CultureInvariant)]
    private static partial Regex HexInteger();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Float();

    [GeneratedRegex(@"^([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$", RegexOptions.CultureInvariant)]
    private static partial Regex SpecialFloat();

    [GeneratedRegex("^(y|n|yes|no|on|off)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Yaml11Boolean();
}
