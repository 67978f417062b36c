using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Samples.AspNetCore.Hosting;

/// <summary>Recognizes the exceptions that mean a setting is invalid, and joins their messages.</summary>
internal static class StartupFailure
{
    /// <summary>Where the settings are explained, printed after the reason.</summary>
    public const string SettingsHint = "The sample's README lists every setting and its section.";

    /// <summary>
    /// Returns the messages of an invalid-setting failure: the sample's own checks, a library's
    /// options validation, several validations at once, or a listen port already in use. Returns
    /// null for any other exception.
    /// </summary>
    public static string? Describe(Exception exception) => exception switch
    {
        OptionsValidationException validation => string.Join(" ", validation.Failures),
        AggregateException aggregate when aggregate.InnerExceptions.All(inner => Describe(inner) is not null) =>
            string.Join(" ", aggregate.InnerExceptions.Select(Describe)),
        InvalidOperationException invalid => invalid.Message,
        IOException { InnerException: AddressInUseException } inUse =>
            $"{inUse.Message} Stop the other process or choose another port with --urls.",
        _ => null,
    };
}
