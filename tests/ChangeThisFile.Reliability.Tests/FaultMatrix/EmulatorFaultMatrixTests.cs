using System.Net.Http.Json;
using System.Text.Json;
using ChangeThisFile.Emulator;
using ChangeThisFile.Reliability.Tests.Infrastructure;

namespace ChangeThisFile.Reliability.Tests.FaultMatrix;

/// <summary>A fault the emulator injects into the next <c>/v1</c> request.</summary>
public enum EmulatorFault
{
    ServerError500,
    ServerError502,
    ServerError503,
    ServerError504,
    DroppedConnection,
    LostResponse,
}

/// <summary>An emulator shared by the rows of a matrix, with a completed job, an input file and a receiver.</summary>
public class EmulatorMatrixFixture : IAsyncLifetime
{
    public ConversionEmulator Emulator { get; private set; } = null!;

    public LoopbackFiles Files { get; private set; } = null!;

    public string CompletedJobId { get; private set; } = null!;

    /// <summary>Targets on the emulator: its job, the loopback input and receiver, and the job's result URL.</summary>
    public CallTargets Targets { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Emulator = await ConversionEmulator.StartAsync(Options());
        Files = await LoopbackFiles.StartAsync(ApiCalls.Input);
        using var http = Emulator.CreateHttpClient();
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(ApiCalls.Input), "file", "people.csv" },
            { new StringContent("json"), "target" },
        };
        BeforeSetupRequest();
        using var created = await http.PostAsync(new Uri("v1/jobs", UriKind.Relative), form);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        CompletedJobId = body.GetProperty("job_id").GetString()!;
        await Emulator.Jobs.WaitForTerminalAsync(CompletedJobId);
        BeforeSetupRequest();
        var job = await http.GetFromJsonAsync<JsonElement>(new Uri("v1/jobs/" + CompletedJobId, UriKind.Relative));
        var resultUrl = new Uri(job.GetProperty("result").GetProperty("file_url").GetString()!);
        Targets = new CallTargets(CompletedJobId, Files.InputUrl, Files.HookUrl, resultUrl);
    }

    public async Task DisposeAsync()
    {
        await Files.DisposeAsync();
        await Emulator.DisposeAsync();
    }

    protected virtual ConversionEmulatorOptions Options() => new();

    /// <summary>Runs before each request the fixture sends while it sets up.</summary>
    protected virtual void BeforeSetupRequest()
    {
    }
}

/// <summary>
/// Every client call against the emulator's own fault injection, on the next request only: 5xx
/// responses, a connection dropped before handling, and a response lost after the request was
/// handled in full. Letters: R retried then succeeded, A <c>ConversionApiException</c> with no
/// retry, C <c>HttpRequestException</c> with no retry; downloads of results are never faulted.
/// </summary>
/// <remarks>
/// The emulator is the judge of duplicates: a job-creating call must leave exactly one new job
/// with the call's idempotency key, and a conversion is charged once. A call without a key is
/// not repeated, so a lost response leaves the server's change in place (a rotated key or
/// secret, a delivered test webhook) and a dropped connection leaves none.
/// </remarks>
public sealed class EmulatorFaultMatrixTests(EmulatorMatrixFixture fixture) : IClassFixture<EmulatorMatrixFixture>
{
    public static TheoryData<ApiCall, EmulatorFault, Outcome> Matrix => MatrixTable.Rows(
        //                                  Conv Up Url Job List Wait Down Use Free Key Sec Test
        (EmulatorFault.ServerError500,      "R   R  R   R   R    R    -    R   A    A   A   A"),
        (EmulatorFault.ServerError502,      "R   R  R   R   R    R    -    R   A    A   A   A"),
        (EmulatorFault.ServerError503,      "R   R  R   R   R    R    -    R   A    A   A   A"),
        (EmulatorFault.ServerError504,      "R   R  R   R   R    R    -    R   A    A   A   A"),
        (EmulatorFault.DroppedConnection,   "R   R  R   R   R    R    -    R   C    C   C   C"),
        (EmulatorFault.LostResponse,        "R   R  R   R   R    R    -    R   C    C   C   C"));

    private ConversionEmulator Emulator => fixture.Emulator;

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task NextRequestFault_GivesTableOutcome(ApiCall call, EmulatorFault fault, Outcome expected)
    {
        var clock = new TestClock();
        var before = await ServerStateAsync();
        Inject(fault);
        await using var client = new MatrixClient(Emulator.BaseAddress, clock, Emulator.ApiKey);

        var (summary, error) = await EmulatorMatrix.RunAsync(client, clock, call, fixture.Targets);

        EmulatorMatrix.CheckOutcome(expected, summary, error, client, StatusOf(fault));
        EmulatorMatrix.CheckAttempts(call, expected, client, fixture.CompletedJobId);
        var injected = Emulator.Faults.Injected;
        (injected.ServerErrors + injected.ConnectionsDropped + injected.ResponsesDropped).Should().Be(1);
        await CheckServerStateAsync(call, fault, expected, before, client);
        var attempts = expected == Outcome.Retried ? 2 : 1;
        (await client.Connections.SettleAsync(attempts)).Should().BeLessThanOrEqualTo(attempts);
    }

    private void Inject(EmulatorFault fault)
    {
        var faults = Emulator.Faults;
        faults.Reset();
        switch (fault)
        {
            case EmulatorFault.DroppedConnection:
                faults.DropNextConnections(1);
                break;
            case EmulatorFault.LostResponse:
                faults.DropNextResponses(1);
                break;
            default:
                faults.ServerErrorStatusCode = StatusOf(fault);
                faults.FailNextRequests(1);
                break;
        }
    }

    private static int StatusOf(EmulatorFault fault) => fault switch
    {
        EmulatorFault.ServerError500 => 500,
        EmulatorFault.ServerError502 => 502,
        EmulatorFault.ServerError503 => 503,
        _ => 504,
    };

    private async Task<ServerState> ServerStateAsync()
    {
        using var http = Emulator.CreateHttpClient();
        var usage = await http.GetFromJsonAsync<JsonElement>(new Uri("v1/usage", UriKind.Relative));
        return new ServerState(
            Emulator.Jobs.Count,
            usage.GetProperty("conversions_used").GetInt32(),
            Emulator.ApiKey,
            Emulator.WebhookSecret,
            Emulator.Webhooks.All.Count(delivery => delivery.Event == "webhook.test"));
    }

    private async Task CheckServerStateAsync(
        ApiCall call, EmulatorFault fault, Outcome expected, ServerState before, MatrixClient client)
    {
        var after = await ServerStateAsync();
        var handled = expected != Outcome.ConnectionError || fault == EmulatorFault.LostResponse;
        var applies = expected != Outcome.ApiError && handled;
        after.Jobs.Should().Be(before.Jobs + (call is ApiCall.SubmitUpload or ApiCall.SubmitUrl ? 1 : 0));
        if (call is ApiCall.SubmitUpload or ApiCall.SubmitUrl)
        {
            var key = client.Attempts.First().IdempotencyKey;
            Emulator.Jobs.List().Should().ContainSingle(job => job.IdempotencyKey == key);
        }

        after.ConversionsUsed.Should().Be(before.ConversionsUsed + (call switch
        {
            ApiCall.Convert or ApiCall.SubmitUpload or ApiCall.SubmitUrl => 1,
            _ => 0,
        }));
        (after.ApiKey != before.ApiKey).Should().Be(call == ApiCall.RotateKey && applies);
        (after.WebhookSecret != before.WebhookSecret).Should().Be(call == ApiCall.RotateSecret && applies);
        (after.TestWebhooks - before.TestWebhooks).Should().Be(call == ApiCall.TestWebhook && applies ? 1 : 0);
    }

    private sealed record ServerState(
        int Jobs, int ConversionsUsed, string ApiKey, string WebhookSecret, int TestWebhooks);
}
