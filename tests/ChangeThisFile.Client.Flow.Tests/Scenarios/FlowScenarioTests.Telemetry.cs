using ChangeThisFile.Client.Flow.Tests.Infrastructure;

namespace ChangeThisFile.Client.Flow.Tests.Scenarios;

public abstract partial class FlowScenarioTests<TEnvironment>
{
    [Fact]
    public async Task Telemetry_FullFlow_HasIdsButNoSecrets()
    {
        var ticket = await Env.UploadAsync("telemetry.csv", TestFiles.Csv, "json");
        var submitted = await Env.Flow.SubmitAsync(ticket.FileId);
        await Env.WaitForTerminalAsync(ticket.FileId);
        await Env.DownloadResultAsync(ticket.FileId);

        // The SDK's own categories; ASP.NET Core's request logging is the host's to configure.
        var logs = Env.Logs.GetSnapshot()
            .Where(record => record.Category?.StartsWith("ChangeThisFile", StringComparison.Ordinal) == true)
            .Select(record => $"{record.Message} {record.Exception}")
            .ToList();
        var spans = Env.SpanText.ToList();

        logs.Should().Contain(line => line.Contains(ticket.FileId) && line.Contains(submitted.JobId!));
        logs.Should().Contain(line => line.Contains("/v1/jobs"), "the client's request logs are checked too");
        spans.Should().Contain($"ChangeThisFile.Flow.HandleWebhook changethisfile.file_id={ticket.FileId}");
        spans.Should().Contain($"ChangeThisFile.Flow.Submit changethisfile.job_id={submitted.JobId}");
        foreach (var secret in SecretMarkers())
        {
            logs.Should().NotContain(
                line => line.Contains(secret, StringComparison.OrdinalIgnoreCase), $"logs must not hold '{secret}'");
            spans.Should().NotContain(
                line => line.Contains(secret, StringComparison.OrdinalIgnoreCase), $"spans must not hold '{secret}'");
        }
    }

    private IEnumerable<string> SecretMarkers() =>
    [
        Env.Emulator.ApiKey,
        Env.Emulator.WebhookSecret,
        "signature=",
        "X-Amz-Signature",
        "X-Amz-Credential",
        "sig=",
    ];
}
