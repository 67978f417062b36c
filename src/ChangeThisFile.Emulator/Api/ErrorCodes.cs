namespace ChangeThisFile.Emulator.Api;

/// <summary>The <c>error.code</c> values the emulator sends.</summary>
internal static class ErrorCodes
{
    public const string BadRequest = "bad_request";
    public const string InvalidApiKey = "invalid_api_key";
    public const string NotFound = "not_found";
    public const string FileTooLarge = "file_too_large";
    public const string UnsupportedRoute = "unsupported_route";
    public const string RateLimited = "rate_limited";
    public const string QuotaExceeded = "quota_exceeded";
    public const string ServiceUnavailable = "service_unavailable";
    public const string ConversionFailed = "conversion_failed";
    public const string FetchFailed = "fetch_failed";
    public const string Forbidden = "forbidden";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string InternalError = "internal_error";
}
