using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ChangeThisFile.Client.Flow;
using ChangeThisFile.Client.Local;
using ChangeThisFile.Client.Storage;
using ChangeThisFile.Emulator;
using ChangeThisFile.Samples.AspNetCore.Hosting;
using ChangeThisFile.Samples.AspNetCore.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace ChangeThisFile.Samples.AspNetCore.Tests;

/// <summary>
/// The sample stops while it handles a webhook and stays down through the next delivery attempt.
/// Started again on the same port with the same data folder, it accepts a later attempt, and the
/// conversion completes with nothing lost.
/// </summary>
public sealed class HostRestartTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    // The emulator lives outside the sample, so its job and its retry schedule survive the
    // restart. Its clock is fake, so each retry happens exactly when the test advances it.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly TempFolder _data = new();
    private ConversionEmulator _emulator = null!;

    public async Task InitializeAsync() =>
        _emulator = await ConversionEmulator.StartAsync(new ConversionEmulatorOptions
        {
            TimeProvider = _clock,

            // Retries after 3 s, 30 s and 3 min of the fake clock.
            WebhookRetryScale = 0.1,

            // Real time: how long the emulator waits for the stopping host before it gives up.
            WebhookTimeout = TimeSpan.FromSeconds(1),
        });

    [Fact]
    public async Task Restart_BetweenSubmitAndWebhook_LosesNothing()
    {
        var args = SampleArgs(FreeLoopbackPort());
        var gate = new ResultWriteGate();
        var first = await RunningSample.StartAsync(args, _data, builder => gate.Install(builder.Services));
        var (upload, submitted) = await first.UploadAndSubmitAsync(TestFiles.PeopleCsv, "json");
        var jobId = submitted.JobId!;
        await gate.WriteStarted.Task.WaitAsync(Guard);
        var signingKey = await File.ReadAllTextAsync(Path.Combine(_data.Path, LocalDefaults.SigningKeyFileName));

        await first.DisposeAsync();
        var interrupted = await AttemptAsync(jobId, 1);
        _clock.Advance(TimeSpan.FromSeconds(3));
        var whileDown = await AttemptAsync(jobId, 2);
        await using var second = await RunningSample.StartAsync(args, _data);
        _clock.Advance(TimeSpan.FromSeconds(30));
        var accepted = await _emulator.Webhooks.WaitForSuccessAsync(jobId, Guard);
        var status = await second.WaitForEndAsync(upload.FileId);
        var result = await second.DownloadAsync(status.DownloadUrl!);

        // A host that stops mid-delivery either drops the connection or returns 5xx as it unwinds.
        // Both make the API retry.
        interrupted.Succeeded.Should().BeFalse("the host stopped while it handled the first delivery");
        (interrupted.StatusCode ?? 500).Should().BeGreaterThanOrEqualTo(500);
        whileDown.StatusCode.Should().BeNull("nothing listened while the host was down");
        whileDown.Error.Should().Contain("ConnectionError");
        accepted.Attempt.Should().Be(3);
        status.State.Should().Be(ConversionState.Done);
        status.JobId.Should().Be(jobId);
        using (var rows = JsonDocument.Parse(result))
        {
            rows.RootElement.GetArrayLength().Should().Be(5);
        }

        _emulator.Jobs.Count.Should().Be(1);
        var signingKeyAfter = await File.ReadAllTextAsync(Path.Combine(_data.Path, LocalDefaults.SigningKeyFileName));
        signingKeyAfter.Should().Be(signingKey);
        await ShouldHaveOneDoneRecordAsync(upload.FileId, jobId, result.Length);
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    public void Dispose() => _data.Dispose();

    /// <summary>The same settings for both runs: this port, and the emulator as the API.</summary>
    private string[] SampleArgs(int port) =>
    [
        $"--urls=http://127.0.0.1:{port}",
        "--ChangeThisFile:UseEmulator=false",
        $"--ChangeThisFile:Client:BaseAddress={_emulator.BaseAddress}",
        $"--ChangeThisFile:Client:ApiKey={_emulator.ApiKey}",
        $"--ChangeThisFile:Client:TrustedDownloadHosts:0={_emulator.BaseAddress.Authority}",
        $"--ChangeThisFile:Webhooks:Secrets:0={_emulator.WebhookSecret}",
    ];

    private Task<WebhookDelivery> AttemptAsync(string jobId, int attempt) =>
        _emulator.Webhooks.WaitForAsync(delivery => delivery.JobId == jobId && delivery.Attempt == attempt, Guard);

    /// <summary>Reads the SQLite file the sample used: one done record, and no event left unmatched.</summary>
    private async Task ShouldHaveOneDoneRecordAsync(string fileId, string jobId, long size)
    {
        using var store = new SqliteConversionRecordStore(new SqliteConversionRecordStoreOptions
        {
            DatabasePath = Path.Combine(_data.Path, "records.db"),
        });

        var record = await store.GetAsync(fileId);
        var unmatched = await store.ListUnmatchedEventsAsync(10);

        record!.Status.Should().Be(RecordStatus.Done);
        record.JobId.Should().Be(jobId);
        record.OutputSize.Should().Be(size);
        unmatched.Should().BeEmpty();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
