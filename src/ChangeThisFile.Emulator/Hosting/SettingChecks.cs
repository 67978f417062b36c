using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Emulator.Hosting;

/// <summary>
/// Checks the process's settings before they are bound, so that a bad value gets one line naming
/// the switch, the value and what is allowed instead of a configuration binder exception.
/// </summary>
internal static class SettingChecks
{
    private const string LogLevelSection = "Logging:LogLevel";

    /// <summary>Returns the first invalid log level, unknown setting or unconvertible value, or null.</summary>
    public static string? FindProblem(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var emulator = configuration.GetSection(EmulatorConfiguration.SectionName);
        return CheckLogLevels(configuration) ?? CheckSection(emulator, typeof(ConversionEmulatorOptions));
    }

    /// <summary>Returns the options' range errors, each naming the switch that sets the value.</summary>
    public static IEnumerable<string> DescribeRangeErrors(IReadOnlyList<string> errors) =>
        errors.Select(error =>
        {
            var setting = error.Split(' ', 2)[0];
            return $"Invalid setting {Describe(EmulatorConfiguration.SectionName + ":" + setting)}: {error}";
        });

    /// <summary>Names a setting by its switch and path, such as <c>--port (Emulator:Port)</c>.</summary>
    public static string Describe(string path)
    {
        foreach (var (name, setting, _) in EmulatorConfiguration.Switches)
        {
            if (setting.Equals(path, StringComparison.OrdinalIgnoreCase))
            {
                return $"{name} ({setting})";
            }
        }

        return path;
    }

    private static string? CheckLogLevels(IConfiguration configuration)
    {
        foreach (var level in configuration.GetSection(LogLevelSection).GetChildren())
        {
            var value = level.Value ?? string.Empty;
            if (!IsEnumName<LogLevel>(value))
            {
                return $"Invalid value '{value}' for {Describe(level.Path)}; use one of " +
                    string.Join(", ", Enum.GetNames<LogLevel>()) + ".";
            }
        }

        return null;
    }

    private static string? CheckSection(IConfigurationSection section, Type type)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => IsBindable(property))
            .ToArray();
        foreach (var child in section.GetChildren())
        {
            var property = Array.Find(
                properties, candidate => candidate.Name.Equals(child.Key, StringComparison.OrdinalIgnoreCase));
            var problem = property is null
                ? UnknownSetting(child, properties.Select(candidate => candidate.Name))
                : CheckValue(child, property);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? CheckValue(IConfigurationSection setting, PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type == typeof(EmulatorFaults))
        {
            return CheckSection(setting, type);
        }

        if (setting.Value is not { } value)
        {
            // A list such as ApiKeys:0, or an object where a single value belongs.
            return type == typeof(string) || type.IsValueType
                ? $"Invalid setting {Describe(setting.Path)}: give it a single value."
                : null;
        }

        var expected = Expectation(type, property.Name);
        return expected is null || IsValid(type, value)
            ? null
            : $"Invalid value '{value}' for {Describe(setting.Path)}; use {expected}.";
    }

    private static bool IsValid(Type type, string value)
    {
        var culture = CultureInfo.InvariantCulture;
        return type switch
        {
            _ when type == typeof(int) => int.TryParse(value, NumberStyles.Integer, culture, out _),
            _ when type == typeof(long) => long.TryParse(value, NumberStyles.Integer, culture, out _),
            _ when type == typeof(double) => double.TryParse(value, NumberStyles.Float, culture, out _),
            _ when type == typeof(bool) => bool.TryParse(value, out _),
            _ when type == typeof(TimeSpan) => TimeSpan.TryParse(value, culture, out _),
            _ when type == typeof(WebhookSignatureForm) => IsEnumName<WebhookSignatureForm>(value),
            _ => true,
        };
    }

    /// <summary>Describes the values a setting of <paramref name="type"/> accepts, with their range if any.</summary>
    private static string? Expectation(Type type, string name)
    {
        var range = RangeOf(name);
        return type switch
        {
            _ when type == typeof(int) || type == typeof(long) => "a whole number" + range,
            _ when type == typeof(double) => "a number" + range,
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(TimeSpan) => range.Length == 0 ? "a time such as 00:00:30" : "a time" + range,
            _ when type == typeof(WebhookSignatureForm) =>
                "one of " + string.Join(", ", Enum.GetNames<WebhookSignatureForm>()),
            _ => null,
        };
    }

    /// <summary>
    /// Returns the range that <see cref="ConversionEmulatorOptions.Validate"/> states for
    /// <paramref name="name"/>, as <c>" (from 0 to 65535)"</c>, or an empty string.
    /// </summary>
    /// <remarks>The range is read from the message of an out-of-range value, so that it is
    /// written down only once, in <see cref="ConversionEmulatorOptions.Validate"/>.</remarks>
    private static string RangeOf(string name)
    {
        var property = typeof(ConversionEmulatorOptions).GetProperty(name);
        object? outOfRange = property?.PropertyType switch
        {
            { } type when type == typeof(int) => int.MinValue,
            { } type when type == typeof(long) => long.MinValue,
            { } type when type == typeof(double) => double.NaN,
            { } type when type == typeof(TimeSpan) => TimeSpan.MinValue,
            _ => null,
        };
        if (property is null || outOfRange is null || !property.CanWrite)
        {
            return string.Empty;
        }

        var probe = new ConversionEmulatorOptions();
        property.SetValue(probe, outOfRange);
        var message = probe.Validate().FirstOrDefault(error => error.StartsWith(name + " ", StringComparison.Ordinal));
        var hint = message?.Split("; use ", 2) is [_, var rest] ? rest.TrimEnd('.') : null;
        return hint is null ? string.Empty : $" ({hint})";
    }

    private static string UnknownSetting(IConfigurationSection setting, IEnumerable<string> known)
    {
        var parent = setting.Path[..^setting.Key.Length];
        var nearest = SwitchSuggestions.Nearest(setting.Key, known, allowPrefix: true);
        var hint = nearest is null
            ? "Run with --help or see docs/testing.md for the settings."
            : $"Did you mean {parent}{nearest}?";
        return $"Unknown setting '{setting.Path}'. {hint}";
    }

    private static bool IsBindable(PropertyInfo property) =>
        property.GetIndexParameters().Length == 0
        && (property.CanWrite || property.PropertyType == typeof(EmulatorFaults)
            || property.PropertyType == typeof(IList<string>))
        && property.PropertyType != typeof(TimeProvider)
        && property.PropertyType != typeof(ILoggerFactory);

    private static bool IsEnumName<TEnum>(string value)
        where TEnum : struct, Enum =>
        Enum.GetNames<TEnum>().Any(name => name.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase));
}
