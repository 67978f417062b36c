using System.Globalization;

namespace ChangeThisFile.Samples.AspNetCore.Cli;

/// <summary>The arguments of <c>convert &lt;file&gt; --to &lt;format&gt; [--out &lt;path&gt;] ...</c>.</summary>
/// <param name="InputPath">The file to convert, as typed.</param>
/// <param name="Target">The target format, such as <c>json</c>.</param>
/// <param name="OutputPath">Where to write the result, as typed; next to the input when null.</param>
/// <param name="Timeout">How long to wait for the webhook and the final status.</param>
/// <param name="Port">The port on 127.0.0.1 to listen on; a free one when null.</param>
/// <param name="ConfigurationArgs">Settings such as <c>--Storage:Provider=Aws</c>, passed to the application.</param>
internal sealed record ConvertArguments(
    string InputPath,
    string Target,
    string? OutputPath,
    TimeSpan Timeout,
    int? Port,
    IReadOnlyList<string> ConfigurationArgs)
{
    /// <summary>The default <see cref="Timeout"/>: 120 seconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    private const int MaxTimeoutSeconds = 86_400;

    /// <summary>Parses the arguments that follow <c>convert</c>.</summary>
    /// <exception cref="FormatException">An argument is missing, unknown or invalid; the message names it.</exception>
    public static ConvertArguments Parse(IReadOnlyList<string> args)
    {
        string? input = null, target = null, output = null;
        var timeout = DefaultTimeout;
        int? port = null;
        var settings = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            switch (name)
            {
                case "--to" or "-t":
                    target = ValueOf(args, ref i, name, inlineValue);
                    break;
                case "--out" or "-o":
                    output = ValueOf(args, ref i, name, inlineValue);
                    break;
                case "--timeout":
                    var seconds = ParseNumber(ValueOf(args, ref i, name, inlineValue), name, 1, MaxTimeoutSeconds);
                    timeout = TimeSpan.FromSeconds(seconds);
                    break;
                case "--port":
                    port = ParseNumber(ValueOf(args, ref i, name, inlineValue), name, 1, 65_535);
                    break;
                default:
                    TakeOther(args[i], settings, ref input);
                    break;
            }
        }

        if (input is null)
        {
            throw new FormatException("The file to convert is missing. Usage: convert <file> --to <format>.");
        }

        if (string.IsNullOrWhiteSpace(target))
        {
            throw new FormatException("The target format is missing. Add --to <format>, such as --to json.");
        }

        return new ConvertArguments(input, target, output, timeout, port, settings);
    }

    /// <summary>Splits <c>--name=value</c>; other arguments have no inline value.</summary>
    private static (string Name, string? Value) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith('-') && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }

    private static string ValueOf(IReadOnlyList<string> args, ref int i, string name, string? inlineValue)
    {
        if (inlineValue is not null)
        {
            return inlineValue;
        }

        if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            return args[++i];
        }

        throw new FormatException($"The option {name} needs a value, such as {name} {Example(name)}.");
    }

    /// <summary>Takes the input path, or a setting such as <c>--Storage:Provider=Aws</c>.</summary>
    private static void TakeOther(string arg, List<string> settings, ref string? input)
    {
        var isSetting = arg.StartsWith("--", StringComparison.Ordinal)
            && arg.Contains(':', StringComparison.Ordinal) && arg.Contains('=', StringComparison.Ordinal);
        if (isSetting)
        {
            settings.Add(arg);
            return;
        }

        if (arg.StartsWith('-') && arg.Length > 1)
        {
            throw new FormatException($"The option '{arg}' is unknown. Use --to, --out, --timeout, --port, " +
                "or a setting such as --Storage:Provider=Local.");
        }

        if (input is not null)
        {
            throw new FormatException(
                $"Only one file can be converted at a time, but both '{input}' and '{arg}' were given.");
        }

        input = arg;
    }

    private static int ParseNumber(string text, string name, int min, int max)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            || value < min || value > max)
        {
            throw new FormatException(
                $"The value '{text}' of {name} is invalid. Give a whole number from {min} to {max}, " +
                $"such as {name} {Example(name)}.");
        }

        return value;
    }

    private static string Example(string name) => name switch
    {
        "--to" or "-t" => "json",
        "--out" or "-o" => "result.json",
        "--timeout" => "120",
        _ => "5000",
    };
}
