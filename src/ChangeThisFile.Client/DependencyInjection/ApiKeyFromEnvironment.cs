using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.DependencyInjection;

/// <summary>
/// Fills <see cref="ConversionClientOptions.ApiKey"/> from <c>CTF_API_KEY</c> when configuration left it empty.
/// </summary>
internal sealed class ApiKeyFromEnvironment : IPostConfigureOptions<ConversionClientOptions>
{
    public void PostConfigure(string? name, ConversionClientOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            options.ApiKey = Environment.GetEnvironmentVariable(ConversionClientOptions.ApiKeyEnvironmentVariable);
        }
    }
}
