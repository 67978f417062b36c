using ChangeThisFile.Reliability.Tests.Infrastructure;

namespace ChangeThisFile.Reliability.Tests.FaultMatrix;

/// <summary>One raw socket server on 127.0.0.1 shared by the rows of a socket fault matrix.</summary>
public sealed class RawServerFixture : IAsyncLifetime
{
    public RawApiServer Server { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Server = new RawApiServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// Every client call against connection-level faults, injected into the first attempt only:
/// a refused connection, a reset inside the response head or body, a server that never responds
/// (past the attempt timeout), and a body shorter than its <c>Content-Length</c>. Letters: R
/// retried then succeeded, C <c>HttpRequestException</c> with no retry, T
/// <c>ConversionTimeoutException</c> with no retry, I the body broke off while the caller read it.
/// </summary>
/// <remarks>
/// The calls that create no work and send no idempotency key (free key, key and secret rotation,
/// test webhook) are retried only when the request cannot have reached the server. Conversions and
/// downloads stream their body to the caller, so a body that breaks off is reported, not retried.
/// The server also counts the connections it accepted and keeps open.
/// </remarks>
public sealed class SocketFaultMatrixTests(RawServerFixture fixture) : IClassFixture<RawServerFixture>
{
    public static TheoryData<ApiCall, Fault, Outcome> Matrix => MatrixTable.Rows(
        //                         Conv Up Url Job List Wait Down Use Free Key Sec Test
        (Fault.Refused,            "R   R  R   R   R    R    R    R   R    R   R   R"),
        (Fault.ResetInHeaders,     "R   R  R   R   R    R    R    R   C    C   C   C"),
        (Fault.ResetInBody,        "I   R  R   R   R    R    I    R   C    C   C   C"),
        (Fault.Hang,               "R   R  R   R   R    R    R    R   T    T   T   T"),
        (Fault.Truncated,          "I   R  R   R   R    R    I    R   C    C   C   C"));

    [Theory]
    [MemberData(nameof(Matrix))]
    public Task FirstAttemptFault_GivesTableOutcome(ApiCall call, Fault fault, Outcome expected) =>
        MatrixRun.CheckAsync(fixture.Server.Api, fixture.Server.Server, call, fault, persistent: false, expected);
}

/// <summary>
/// Faults that persist on every attempt: the client retries what it may, then gives up with a
/// typed error. Letters: a, c, t the error after all four attempts (<c>ConversionApiException</c>,
/// <c>HttpRequestException</c>, <c>ConversionTimeoutException</c>); A, C, T the same after one
/// attempt; I the body broke off; W the wait kept polling until its own deadline.
/// </summary>
public sealed class PersistentFaultMatrixTests(RawServerFixture fixture) : IClassFixture<RawServerFixture>
{
    public static TheoryData<ApiCall, Fault, Outcome> Matrix => MatrixTable.Rows(
        //                         Conv Up Url Job List Wait Down Use Free Key Sec Test
        (Fault.Status503,          "a   a  a   a   a    W    a    a   A    A   A   A"),
        (Fault.HtmlGatewayPage,    "a   a  a   a   a    W    a    a   A    A   A   A"),
        (Fault.Refused,            "c   c  c   c   c    W    c    c   c    c   c   c"),
        (Fault.ResetInHeaders,     "c   c  c   c   c    W    c    c   C    C   C   C"),
        (Fault.Hang,               "t   t  t   t   t    W    t    t   T    T   T   T"),
        (Fault.Truncated,          "I   c  c   c   c    W    I    c   C    C   C   C"));

    [Theory]
    [MemberData(nameof(Matrix))]
    public Task EveryAttemptFault_GivesTableOutcome(ApiCall call, Fault fault, Outcome expected) =>
        MatrixRun.CheckAsync(fixture.Server.Api, fixture.Server.Server, call, fault, persistent: true, expected);
}
