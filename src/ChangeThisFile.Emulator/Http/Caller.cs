using ChangeThisFile.Emulator.Accounts;
using ChangeThisFile.Emulator.Api;

namespace ChangeThisFile.Emulator.Http;

/// <summary>The authenticated account and the key it used, stored as a request feature.</summary>
internal sealed record Caller(Account Account, string ApiKey);

/// <summary>Access to the <see cref="Caller"/> of a request.</summary>
internal static class CallerExtensions
{
    public static Caller GetCaller(this HttpContext context) =>
        context.Features.Get<Caller>() ?? throw ApiErrors.InvalidApiKey();

    /// <summary>The scheme and host the client used, for absolute URLs in responses.</summary>
    public static string GetBaseUrl(this HttpContext context) =>
        context.Request.Scheme + "://" + context.Request.Host.Value;
}
