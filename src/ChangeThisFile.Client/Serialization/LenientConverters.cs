using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChangeThisFile.Client.Serialization;

/// <summary>
/// Reads a string that must never fail to deserialize: a number, boolean, object or array is
/// kept as its raw JSON text, and <c>null</c> stays <see langword="null"/>.
/// </summary>
/// <remarks>
/// Public so that a source-generated JSON context in an application can include the library's
/// models, whose properties name this converter.
/// </remarks>
public sealed class LenientStringConverter : JsonConverter<string>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        StringValueJson.Read(ref reader);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}

/// <summary>
/// Reads an ISO 8601 timestamp, or Unix epoch seconds as a number; any other value becomes
/// <see langword="null"/> instead of failing the whole response.
/// </summary>
public sealed class LenientDateTimeOffsetConverter : JsonConverter<DateTimeOffset?>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            // The ISO 8601 form the API sends is read straight from the UTF-8 bytes. Other text goes
            // through the general parser, and so does a time without offset, because that reader
            // would take it as local time and this converter takes it as UTC.
            case JsonTokenType.String when HasExplicitOffset(ref reader) && reader.TryGetDateTimeOffset(out var iso):
                return iso;
            case JsonTokenType.String:
                return DateTimeOffset.TryParse(
                    reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                    ? parsed
                    : null;
            case JsonTokenType.Number when reader.TryGetInt64(out var seconds)
                && seconds >= 0 && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds():
                return DateTimeOffset.FromUnixTimeSeconds(seconds);
            default:
                reader.Skip();
                return null;
        }
    }

    // Ends in "Z" or in "+hh:mm" or "-hh:mm", with at most 7 fractional digits: the reader cuts
    // further digits off, where the general parser rounds them.
    private static bool HasExplicitOffset(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return false;
        }

        var value = reader.ValueSpan;
        if (value.Length <= 10
            || !(value[^1] is (byte)'Z' or (byte)'z' || (value[^6] is (byte)'+' or (byte)'-' && value[^3] == (byte)':')))
        {
            return false;
        }

        var dot = value.IndexOf((byte)'.');
        if (dot < 0)
        {
            return true;
        }

        var digits = value[(dot + 1)..].IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        return (digits < 0 ? value.Length - dot - 1 : digits) <= 7;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } timestamp)
        {
            writer.WriteStringValue(timestamp);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>
/// Reads a count or a duration that must never fail the whole response: an integer as is, a
/// fractional number rounded to the nearest integer, a numeric string parsed, and anything else,
/// or a number out of range, as <see langword="null"/>.
/// </summary>
public sealed class LenientInt64Converter : JsonConverter<long?>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetInt64(out var whole):
                return whole;
            case JsonTokenType.Number when reader.TryGetDouble(out var fractional):
                return Round(fractional);
            case JsonTokenType.String:
                var text = reader.GetString();
                return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
                    ? parsed
                    : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                        ? Round(number)
                        : null;
            default:
                reader.Skip();
                return null;
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
    {
        if (value is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    // Doubles beyond ±2^63 do not fit a long; the comparison bounds are exact powers of two.
    private static long? Round(double value) =>
        double.IsFinite(value) && value >= -9.2233720368547758E18 && value < 9.2233720368547758E18
            ? (long)Math.Round(value, MidpointRounding.AwayFromZero)
            : null;
}

/// <summary>
/// Reads a nested object that must never fail the whole response: a JSON object is read with the
/// options' own contract for <typeparamref name="T"/>, and any other value (a string, a number,
/// an array) becomes <see langword="null"/>.
/// </summary>
/// <typeparam name="T">The object's model type, which the options' resolver must know.</typeparam>
public sealed class LenientObjectConverter<T> : JsonConverter<T?>
    where T : class
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        return (T?)JsonSerializer.Deserialize(ref reader, options.GetTypeInfo(typeof(T)));
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        JsonSerializer.Serialize(writer, value, options.GetTypeInfo(typeof(T)));
    }
}
