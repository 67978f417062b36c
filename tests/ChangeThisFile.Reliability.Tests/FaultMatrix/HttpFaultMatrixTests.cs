using ChangeThisFile.Reliability.Tests.Infrastructure;

namespace ChangeThisFile.Reliability.Tests.FaultMatrix;

/// <summary>One WireMock.Net server on 127.0.0.1 shared by the rows of the HTTP fault matrix.</summary>
public sealed class WireMockFixture : IDisposable
{
    public WireMockApi Server { get; } = new();

    public void Dispose() => Server.Dispose();
}

/// <summary>
/// Every client call against every HTTP-level fault that WireMock.Net can send, injected into the
/// first attempt only. Letters: R retried then succeeded, B the fault's body returned as the
/// content, A <c>ConversionApiException</c> with no retry, J <c>JsonException</c> with no retry,
/// W the wait's deadline passed.
/// </summary>
/// <remarks>
/// The client runs with its production defaults on a fake clock, which skips exactly to the end
/// of every wait the client starts. Each cell also checks the number of attempts the server saw,
/// that every attempt of a job-creating call carried one idempotency key, that retries waited for
/// <c>Retry-After</c>, that no secret reached an exception or a log, and that the client's
/// connection pool keeps at most one connection per attempt afterwards.
/// </remarks>
public sealed class HttpFaultMatrixTests(WireMockFixture fixture) : IClassFixture<WireMockFixture>
{
    public static TheoryData<ApiCall, Fault, Outcome> Matrix => MatrixTable.Rows(
        //                                 Conv Up Url Job List Wait Down Use Free Key Sec Test
        (Fault.Status500,                  "R   R  R   R   R    R    R    R   A    A   A   A"),
        (Fault.Status502,                  "R   R  R   R   R    R    R    R   A    A   A   A"),
        (Fault.Status503,                  "R   R  R   R   R    R    R    R   A    A   A   A"),
        (Fault.Status504,                  "R   R  R   R   R    R    R    R   A    A   A   A"),
        (Fault.Status500RetryAfter,        "R   R  R   R   R    R    R    R   A    A   A   A"),
        (Fault.Status502RetryAfter,        "R   R  R   R   R    R    R    R   A    A   A   A"),
        (Fault.Status503RetryAfter,        "R   R  R   R   R    R    R    R   A    A   A   A"),
        (Fault.Status504RetryAfter,        "R   R  R   R   R    R    R    R   A    A   A   A"),
        (Fault.TooManyRequestsSeconds,     "R   R  R   R   R    R    R    R   R    R   R   R"),
        (Fault.TooManyRequestsDate,        "R   R  R   R   R    R    R    R   R    R   R   R"),
        (Fault.TooManyRequestsOverCap,     "A   A  A   A   A    W    A    A   A    A   A   A"),
        (Fault.NotJson,                    "B   J  J   J   J    J    B    J   J    J   J   J"),
        (Fault.HtmlGatewayPage,            "R   R  R   R   R    R    R    R   A    A   A   A"),
        (Fault.HtmlPageOk,                 "B   J  J   J   J    J    B    J   J    J   J   J"),
        (Fault.EmptyOk,                    "B   J  J   J   J    J    B    J   J    J   J   J"),
        (Fault.UnknownClientStatus,        "A   A  A   A   A    A    A    A   A    A   A   A"),
        (Fault.UnknownServerStatus,        "R   R  R   R   R    R    R    R   A    A   A   A"));

    [Theory]
    [MemberData(nameof(Matrix))]
    public Task FirstAttemptFault_GivesTableOutcome(ApiCall call, Fault fault, Outcome expected) =>
        MatrixRun.CheckAsync(fixture.Server.Api, null, call, fault, persistent: false, expected);
}
