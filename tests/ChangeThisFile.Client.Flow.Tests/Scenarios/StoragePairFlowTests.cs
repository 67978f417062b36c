using System.Net;
using ChangeThisFile.Client.Flow.Tests.Infrastructure;

namespace ChangeThisFile.Client.Flow.Tests.Scenarios;

/// <summary>
/// The flow on local disk storage and SQLite, with the storage endpoint in the same Kestrel application.
/// </summary>
public sealed class LocalFlowTests(LocalFlowEnvironment environment)
    : FlowScenarioTests<LocalFlowEnvironment>(environment), IClassFixture<LocalFlowEnvironment>
{
    [Fact]
    public async Task UploadUrl_AfterExpiry_IsRejected()
    {
        var ticket = await Env.Flow.CreateUploadAsync(new CreateUploadRequest("expired.csv", "json"));
        Env.StorageClock.Advance(ConversionFlowOptions.DefaultUploadUrlExpiry + TimeSpan.FromSeconds(1));

        using var response = await PresignedHttp.UploadAsync(Env.Http, ticket, TestFiles.Csv);
        var submitted = await Env.Flow.SubmitAsync(ticket.FileId);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        submitted.Outcome.Should().Be(SubmitOutcome.NotUploaded);
    }

    [Fact]
    public async Task DownloadUrl_AfterExpiry_IsRejected()
    {
        var ticket = await Env.UploadAsync("download-expiry.csv", TestFiles.Csv, "json");
        await Env.Flow.SubmitAsync(ticket.FileId);
        await Env.WaitForTerminalAsync(ticket.FileId);
        var status = await Env.Flow.GetStatusAsync(ticket.FileId);
        Env.StorageClock.Advance(ConversionFlowOptions.DefaultDownloadUrlExpiry + TimeSpan.FromSeconds(1));

        using var response = await Env.Http.GetAsync(status.DownloadUrl);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public Task UploadUrl_WithChangedKey_IsRejected() =>
        PresignedUrlTampering.AssertUploadWithChangedKeyRejectedAsync(Env);

    [Fact]
    public Task DownloadUrl_WithChangedKey_IsRejected() =>
        PresignedUrlTampering.AssertDownloadWithChangedKeyRejectedAsync(Env);
}

/// <summary>The flow on S3 (s3rver) and DynamoDB (dynalite).</summary>
/// <remarks>
/// s3rver 3.7.1 does not verify presigned signatures, so changed-key checks run only on the local
/// and Azure pairs; Amazon S3 itself rejects a changed key with 403 SignatureDoesNotMatch.
/// </remarks>
public sealed class AwsFlowTests(AwsFlowEnvironment environment)
    : FlowScenarioTests<AwsFlowEnvironment>(environment), IClassFixture<AwsFlowEnvironment>;

/// <summary>The flow on Azure Blob storage and Table Storage (Azurite).</summary>
public sealed class AzureFlowTests(AzureFlowEnvironment environment)
    : FlowScenarioTests<AzureFlowEnvironment>(environment), IClassFixture<AzureFlowEnvironment>
{
    [Fact]
    public Task UploadUrl_WithChangedKey_IsRejected() =>
        PresignedUrlTampering.AssertUploadWithChangedKeyRejectedAsync(Env);

    [Fact]
    public Task DownloadUrl_WithChangedKey_IsRejected() =>
        PresignedUrlTampering.AssertDownloadWithChangedKeyRejectedAsync(Env);
}

/// <summary>Checks that a presigned URL whose key was edited does not reach another object.</summary>
internal static class PresignedUrlTampering
{
    public static async Task AssertUploadWithChangedKeyRejectedAsync(FlowEnvironment env)
    {
        var victim = await env.Flow.CreateUploadAsync(new CreateUploadRequest("victim.csv", "json"));
        var attacker = await env.Flow.CreateUploadAsync(new CreateUploadRequest("attacker.csv", "json"));
        var forged = new Uri(
            attacker.UploadUrl.AbsoluteUri.Replace(attacker.FileId, victim.FileId, StringComparison.Ordinal));

        using var response = await PresignedHttp.SendAsync(
            env.Http, attacker.Method, forged, attacker.Headers, TestFiles.Csv);
        var victimRecord = await env.Records.GetAsync(victim.FileId);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await env.Storage.ExistsAsync(victimRecord!.InputKey)).Should().BeFalse();
    }

    public static async Task AssertDownloadWithChangedKeyRejectedAsync(FlowEnvironment env)
    {
        var first = await env.UploadAsync("first.csv", TestFiles.Csv, "json");
        var second = await env.UploadAsync("second.csv", TestFiles.Csv, "json");
        await env.Flow.SubmitAsync(first.FileId);
        await env.Flow.SubmitAsync(second.FileId);
        await env.WaitForTerminalAsync(first.FileId);
        await env.WaitForTerminalAsync(second.FileId);
        var status = await env.Flow.GetStatusAsync(first.FileId);
        var forged = new Uri(
            status.DownloadUrl!.AbsoluteUri.Replace(first.FileId, second.FileId, StringComparison.Ordinal));

        using var response = await env.Http.GetAsync(forged);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
