using System.Globalization;
using System.Text;
using ChangeThisFile.Reliability.Tests.Infrastructure;

namespace ChangeThisFile.Reliability.Tests.FaultMatrix;

/// <summary>A fault the matrix injects into the first attempt of a call, or into every attempt.</summary>
public enum Fault
{
    Status500,
    Status502,
    Status503,
    Status504,
    Status500RetryAfter,
    Status502RetryAfter,
    Status503RetryAfter,
    Status504RetryAfter,
    TooManyRequestsSeconds,
    TooManyRequestsDate,
    TooManyRequestsOverCap,
    NotJson,
    HtmlGatewayPage,
    HtmlPageOk,
    EmptyOk,
    UnknownClientStatus,
    UnknownServerStatus,
    Refused,
    ResetInHeaders,
    ResetInBody,
    Hang,
    Truncated,
}

/// <summary>How each <see cref="Fault"/> looks on the wire, and what a test expects to find in its error.</summary>
public static class Faults
{
    /// <summary>The <c>Retry-After</c> in seconds sent with the 5xx and 429 faults that carry one.</summary>
    public const int RetryAfterSeconds = 2;

    /// <summary>The wait an HTTP-date <c>Retry-After</c> requests.</summary>
    public static readonly TimeSpan RetryAfterDateWait = TimeSpan.FromSeconds(3);

    /// <summary>A <c>Retry-After</c> far above the client's default cap of 60 seconds.</summary>
    public const int OverCapSeconds = 3600;

    /// <summary>A gateway's error page; its comment echoes the request's credentials, as a debug page might.</summary>
    public const string HtmlGateway =
        "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>" +
        "<hr><center>nginx</center><!-- Authorization: Bearer " + MatrixClient.ApiKey + " --></body></html>";

    public const string HtmlPage = "<!DOCTYPE html><html><body><h1>Sign in to continue</h1></body></html>";

    public const string NotJsonText = "upstream connect error or disconnect/reset before headers";

    /// <summary>
    /// Whether the test server produces the fault. <see cref="Fault.Refused"/> happens in the client's
    /// connect step instead.
    /// </summary>
    public static bool IsServerSide(Fault fault) => fault != Fault.Refused;

    /// <summary>Whether the fault needs a raw socket server (WireMock always sends a complete response).</summary>
    public static bool NeedsRawSocket(Fault fault) =>
        fault is Fault.ResetInHeaders or Fault.ResetInBody or Fault.Hang or Fault.Truncated;

    /// <summary>The HTTP status of the fault's response, or null for socket faults.</summary>
    public static int? Status(Fault fault) => fault switch
    {
        Fault.Status500 or Fault.Status500RetryAfter => 500,
        Fault.Status502 or Fault.Status502RetryAfter or Fault.HtmlGatewayPage => 502,
        Fault.Status503 or Fault.Status503RetryAfter => 503,
        Fault.Status504 or Fault.Status504RetryAfter => 504,
        Fault.TooManyRequestsSeconds or Fault.TooManyRequestsDate or Fault.TooManyRequestsOverCap => 429,
        Fault.NotJson or Fault.HtmlPageOk or Fault.EmptyOk => 200,
        Fault.UnknownClientStatus => 460,
        Fault.UnknownServerStatus => 599,
        _ => null,
    };

    /// <summary>The wait the fault's <c>Retry-After</c> requests, or null when it has none.</summary>
    public static TimeSpan? RetryAfter(Fault fault) => fault switch
    {
        Fault.Status500RetryAfter or Fault.Status502RetryAfter or Fault.Status503RetryAfter
            or Fault.Status504RetryAfter or Fault.TooManyRequestsSeconds => TimeSpan.FromSeconds(RetryAfterSeconds),
        Fault.TooManyRequestsDate => RetryAfterDateWait,
        Fault.TooManyRequestsOverCap => TimeSpan.FromSeconds(OverCapSeconds),
        _ => null,
    };

    /// <summary>The body of a 200 fault, which a call that streams content returns as its result.</summary>
    public static string SuccessBody(Fault fault) => fault switch
    {
        Fault.NotJson => NotJsonText,
        Fault.HtmlPageOk => HtmlPage,
        _ => string.Empty,
    };

    /// <summary>The server's action for a request that meets the fault.</summary>
    public static ServerAction Action(Fault fault, ApiReply normal, TimeProvider clock) => fault switch
    {
        Fault.ResetInHeaders => new ServerAction(ServerActionKind.ResetInHeaders, normal),
        Fault.ResetInBody => new ServerAction(ServerActionKind.ResetInBody, normal),
        Fault.Hang => new ServerAction(ServerActionKind.Hang, normal),
        Fault.Truncated => new ServerAction(ServerActionKind.Truncate, normal),
        _ => new ServerAction(ServerActionKind.Respond, Reply(fault, clock)),
    };

    private static ApiReply Reply(Fault fault, TimeProvider clock)
    {
        var status = Status(fault) ?? throw new ArgumentOutOfRangeException(nameof(fault), fault, "Not an HTTP fault.");
        return fault switch
        {
            Fault.NotJson => Text(status, "text/plain", NotJsonText),
            Fault.HtmlGatewayPage => Text(status, "text/html", HtmlGateway),
            Fault.HtmlPageOk => Text(status, "text/html", HtmlPage),
            Fault.EmptyOk => Text(status, "application/json", string.Empty),
            Fault.UnknownClientStatus => Envelope(status, "unknown_condition", null),
            Fault.TooManyRequestsDate => Envelope(status, "rate_limited",
                (clock.GetUtcNow() + RetryAfterDateWait).ToString("R", CultureInfo.InvariantCulture)),
            Fault.TooManyRequestsSeconds or Fault.TooManyRequestsOverCap => Envelope(status, "rate_limited",
                ((int)RetryAfter(fault)!.Value.TotalSeconds).ToString(CultureInfo.InvariantCulture)),
            _ => Envelope(status, "service_unavailable", RetryAfter(fault) is { } wait
                ? ((int)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture)
                : null),
        };
    }

    private static ApiReply Text(int status, string contentType, string body) =>
        ApiReply.Create(status, contentType, Encoding.UTF8.GetBytes(body));

    private static ApiReply Envelope(int status, string code, string? retryAfter)
    {
        // The message echoes the key, as a careless server might; the client must redact it.
        var body = Encoding.UTF8.GetBytes(
            $$$"""{"error":{"code":"{{{code}}}","message":"Try again later (key {{{MatrixClient.ApiKey}}})."}}""");
        return retryAfter is null
            ? ApiReply.Create(status, "application/json", body)
            : ApiReply.Create(status, "application/json", body, ("Retry-After", retryAfter));
    }
}
