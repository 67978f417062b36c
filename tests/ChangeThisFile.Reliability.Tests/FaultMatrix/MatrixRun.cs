using System.Net;
using System.Text.Json;
using ChangeThisFile.Client;
using ChangeThisFile.Reliability.Tests.Infrastructure;

namespace ChangeThisFile.Reliability.Tests.FaultMatrix;

/// <summary>What one call did against a fault: its summary or its exception, and what the server saw.</summary>
public sealed record Observation(string? Summary, Exception? Error, IReadOnlyList<SeenRequest> Requests, int Refused);

/// <summary>Runs one cell of a fault matrix against a <see cref="FakeApi"/> and checks it.</summary>
public static class MatrixRun
{
    /// <summary>The attempts of a request that the default policy allows: one plus three retries.</summary>
    public const int AllAttempts = ConversionClientOptions.DefaultMaxRetryAttempts + 1;


    /// <summary>
    /// Sets up the fault (on the server, or in the client's connect step for
    /// <see cref="Fault.Refused"/>), runs the call on a fresh client under a fresh clock and
    /// checks the outcome, the attempts, the idempotency keys, the waits, the secrets and the
    /// connections.
    /// </summary>
    public static async Task CheckAsync(
        FakeApi api, RawHttpServer? server, ApiCall call, Fault fault, bool persistent, Outcome expected)
    {
        var clock = new TestClock();
        api.Clock = clock;
        api.SetFault((_, number, normal) =>
            Faults.IsServerSide(fault) && (persistent || number == 1) ? Faults.Action(fault, normal, clock) : null);
        server?.ResetCounts();
        await using var client = new MatrixClient(api.BaseAddress, clock);
        if (!Faults.IsServerSide(fault))
        {
            client.Connections.RefuseNext(persistent ? -1 : 1);
        }

        var observed = await RunAsync(client, clock, api, call, server);

        CheckOutcome(call, fault, expected, observed);
        var attempts = CheckAttempts(call, expected, observed);
        CheckIdempotencyKeys(call, observed);
        CheckRetryAfterWait(fault, expected, observed);
        CheckNoSecret(client, observed);
        await CheckConnectionsAsync(client, server, observed, attempts);
    }

    public static async Task<Observation> RunAsync(
        MatrixClient client, TestClock clock, FakeApi api, ApiCall call, RawHttpServer? server)
    {
        string? summary = null;
        Exception? error = null;
        try
        {
            summary = await clock.DriveAsync(
                () => ApiCalls.InvokeAsync(client.Client, call, CallTargets.For(api)),
                server is null ? null : () => server.HangsStarted);
        }
        catch (OperationHungException)
        {
            throw;
        }
        catch (Exception exception)
        {
            error = exception;
        }

        return new Observation(summary, error, api.Requests, client.Connections.Refused);
    }

    private static void CheckOutcome(ApiCall call, Fault fault, Outcome expected, Observation observed)
    {
        var error = observed.Error;
        switch (expected)
        {
            case Outcome.Retried or Outcome.Succeeded:
                error.Should().BeNull();
                observed.Summary.Should().Be(ApiCalls.ExpectedSummary(call));
                break;
            case Outcome.BodyReturned:
                error.Should().BeNull();
                observed.Summary.Should().Be("content:" + Faults.SuccessBody(fault));
                break;
            case Outcome.ApiError or Outcome.ApiErrorAfterRetries:
                CheckApiError(call, fault, error);
                break;
            case Outcome.ConnectionError or Outcome.ConnectionErrorAfterRetries:
                error.Should().BeAssignableTo<HttpRequestException>();
                break;
            case Outcome.AttemptTimeout or Outcome.AttemptTimeoutAfterRetries:
                error.Should().BeOfType<ConversionTimeoutException>().Which.Kind.Should().Be(
                    ApiCalls.IsUpload(call) ? ConversionTimeoutKind.Upload : ConversionTimeoutKind.Attempt);
                break;
            case Outcome.InvalidJson:
                error.Should().BeAssignableTo<JsonException>()
                    .Which.Message.Should().Contain(ApiCalls.JsonErrorSubject(call));
                break;
            case Outcome.Incomplete when call == ApiCall.Download:
                error.Should().BeOfType<IncompleteDownloadException>();
                break;
            case Outcome.Incomplete:
                error.Should().BeAssignableTo<IOException>();
                break;
            default:
                error.Should().BeOfType<ConversionTimeoutException>()
                    .Which.Kind.Should().Be(ConversionTimeoutKind.Wait);
                break;
        }
    }

    private static void CheckApiError(ApiCall call, Fault fault, Exception? error)
    {
        var thrown = error.Should().BeOfType<ConversionApiException>().Subject;
        var (method, path) = (ApiCalls.Endpoint(call).Split(' ')[0], ApiCalls.Endpoint(call).Split(' ')[1]);
        thrown.StatusCode.Should().Be((HttpStatusCode)Faults.Status(fault)!.Value);
        thrown.RetryAfter.Should().Be(Faults.RetryAfter(fault));
        thrown.Message.Should().Contain(method).And.Contain(path);
        if (fault == Fault.HtmlGatewayPage)
        {
            thrown.ErrorCode.IsEmpty.Should().BeTrue();
            thrown.ResponseBodyExcerpt.Should().Contain("502 Bad Gateway").And.NotContain(MatrixClient.ApiKey);
            thrown.Message.Should().Contain("not the API's JSON error envelope");
        }
    }

    private static int CheckAttempts(ApiCall call, Outcome expected, Observation observed)
    {
        var attempts = FirstRequestAttempts(call, observed).Count + observed.Refused;
        switch (expected)
        {
            case Outcome.Retried:
                attempts.Should().Be(2);
                break;
            case Outcome.ApiErrorAfterRetries or Outcome.ConnectionErrorAfterRetries
                or Outcome.AttemptTimeoutAfterRetries:
                attempts.Should().Be(AllAttempts);
                break;
            case Outcome.WaitDeadline:
                attempts.Should().BeGreaterThanOrEqualTo(1);
                break;
            default:
                attempts.Should().Be(1);
                break;
        }

        return attempts;
    }

    // A call that creates work repeats one key on every attempt, so the API makes one job of
    // them all. The other calls send no key, so the client must not repeat them blindly.
    private static void CheckIdempotencyKeys(ApiCall call, Observation observed)
    {
        var keys = FirstRequestAttempts(call, observed).Select(seen => seen.IdempotencyKey).ToList();
        if (ApiCalls.SendsIdempotencyKey(call))
        {
            keys.Where(string.IsNullOrEmpty).Should().BeEmpty("every attempt must carry the key");
            keys.Distinct().Should().HaveCountLessThanOrEqualTo(1, "every attempt must carry the same key");
        }
        else
        {
            keys.Where(key => key != null).Should().BeEmpty();
        }
    }

    private static void CheckRetryAfterWait(Fault fault, Outcome expected, Observation observed)
    {
        if (expected != Outcome.Retried || Faults.RetryAfter(fault) is not { } wait)
        {
            return;
        }

        var gap = observed.Requests[1].ArrivedAt - observed.Requests[0].ArrivedAt;
        gap.Should().BeGreaterThanOrEqualTo(wait, "the retry must wait for Retry-After");
        gap.Should().BeLessThan(wait + TimeSpan.FromSeconds(1), "the retry should follow Retry-After, not back-off");
    }

    private static void CheckNoSecret(MatrixClient client, Observation observed)
    {
        var texts = new[] { observed.Error?.ToString() ?? string.Empty, client.AllLogText() };
        foreach (var text in texts)
        {
            text.Should().NotContain(MatrixClient.ApiKey).And.NotContain("s3cr3t");
        }
    }

    // Each attempt may leave one idle connection behind: an instant retry can go out while the
    // pool still drains the unread error body of the attempt before. A response that no caller
    // disposed shows up in the pool test, which waits for idle connections to close.
    private static async Task CheckConnectionsAsync(
        MatrixClient client, RawHttpServer? server, Observation observed, int attempts)
    {
        var bound = Math.Max(1, attempts);
        var live = await client.Connections.SettleAsync(bound);
        live.Should().BeLessThanOrEqualTo(bound, "a finished call leaves only idle pooled connections");
        client.Connections.Opened.Should().BeLessThanOrEqualTo(observed.Requests.Count);
        if (server is not null)
        {
            var open = await Settle.UntilAtMostAsync(() => server.Open, bound);
            open.Should().BeLessThanOrEqualTo(bound, "the server must see broken connections closed");
            server.Accepted.Should().BeLessThanOrEqualTo(observed.Requests.Count);
        }
    }

    private static List<SeenRequest> FirstRequestAttempts(ApiCall call, Observation observed)
    {
        var endpoint = ApiCalls.Endpoint(call);
        return
        [
            .. observed.Requests.Where(seen =>
                $"{seen.Request.Method} {seen.Request.Path}" == endpoint
                && !seen.Request.Target.Contains("cursor=", StringComparison.Ordinal)),
        ];
    }
}
