using System.Diagnostics.CodeAnalysis;
using System.Net.Mail;
using ChangeThisFile.Emulator.Accounts;
using ChangeThisFile.Emulator.Api;
using ChangeThisFile.Emulator.Http;

namespace ChangeThisFile.Emulator.Endpoints;

/// <summary><c>GET /v1/usage</c>, <c>POST /v1/keys/free</c> and <c>POST /v1/keys/rotate</c>.</summary>
internal sealed class AccountEndpoints(EmulatorContext context)
{
    private const string FreeKeyMessage = "Store this key now; it is displayed only once.";
    private const int MaxEmailLength = 254;

    public Task GetUsageAsync(HttpContext http)
    {
        var account = http.GetCaller().Account;
        var (start, end) = context.Accounts.CurrentPeriod();
        var body = new UsageResponse(
            account.Plan,
            account.UsedIn(start),
            account.MonthlyLimit,
            EmulatorJson.FormatTimestamp(start),
            EmulatorJson.FormatTimestamp(end));
        return ResponseWriter.WriteJsonAsync(http, StatusCodes.Status200OK, body, EmulatorJson.Context.UsageResponse);
    }

    public async Task IssueFreeKeyAsync(HttpContext http)
    {
        var request = await JsonBody.ReadAsync(http.Request, EmulatorJson.Context.FreeKeyRequest).ConfigureAwait(false);
        var email = request.Email?.Trim();
        if (!IsEmailAddress(email))
        {
            throw ApiErrors.BadRequest("The 'email' field must be an email address such as dev@example.com.");
        }

        var key = context.Accounts.IssueFreeKey(email);
        var limit = context.Options.MonthlyConversionLimit;
        var body = new FreeKeyResponse(key, AccountStore.FreePlan, limit, FreeKeyMessage);
        await ResponseWriter.WriteJsonAsync(http, StatusCodes.Status200OK, body, EmulatorJson.Context.FreeKeyResponse)
            .ConfigureAwait(false);
    }

    public Task RotateKeyAsync(HttpContext http)
    {
        var caller = http.GetCaller();
        var key = context.Accounts.RotateKey(caller.Account, caller.ApiKey);
        var body = new KeyRotationResponse(key, EmulatorJson.FormatTimestamp(context.Options.TimeProvider.GetUtcNow()));
        return ResponseWriter.WriteJsonAsync(
            http, StatusCodes.Status200OK, body, EmulatorJson.Context.KeyRotationResponse);
    }

    private static bool IsEmailAddress([NotNullWhen(true)] string? email) =>
        !string.IsNullOrEmpty(email)
        && email.Length <= MaxEmailLength
        && MailAddress.TryCreate(email, out var address)
        && address.Address == email;
}
