using System.Text.Json.Nodes;

namespace ChangeThisFile.Emulator.Api;

/// <summary>
/// An API error to be sent as the <c>{"error":{"code","message","details"}}</c> envelope with
/// its HTTP status; thrown by request handling and written by the error middleware.
/// </summary>
internal sealed class ApiException : Exception
{
    public ApiException(int statusCode, string code, string message)
        : this(statusCode, code, message, details: null, retryAfterSeconds: null)
    {
    }

    public ApiException(int statusCode, string code, string message, JsonObject? details, int? retryAfterSeconds)
        : base(message)
    {
        StatusCode = statusCode;
        Code = code;
        Details = details;
        RetryAfterSeconds = retryAfterSeconds;
    }

    public ApiException()
        : this(StatusCodes.Status500InternalServerError, ErrorCodes.InternalError, "Internal error.")
    {
    }

    public ApiException(string message)
        : this(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, message)
    {
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = StatusCodes.Status400BadRequest;
        Code = ErrorCodes.BadRequest;
    }

    /// <summary>The HTTP status code of the response.</summary>
    public int StatusCode { get; }

    /// <summary>The machine-readable <c>error.code</c>.</summary>
    public string Code { get; }

    /// <summary>The optional <c>error.details</c> object.</summary>
    public JsonObject? Details { get; }

    /// <summary>The <c>Retry-After</c> value in whole seconds, when the client should wait.</summary>
    public int? RetryAfterSeconds { get; }
}
