using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.S3.Model;
using ChangeThisFile.Samples.Lambda.Events;
using ChangeThisFile.Samples.Lambda.Functions;
using Xunit.Abstractions;

namespace ChangeThisFile.Samples.Lambda.Tests;

/// <summary>
/// Publishes the sample with Native AOT, as deployed, and runs the native <c>bootstrap</c> for each
/// handler against fake Runtime APIs, s3rver, dynalite and the emulator. Filter these tests out
/// with <c>--filter Category!=Publish</c> when clang is not installed.
/// </summary>
[Trait("Category", "Publish")]
public sealed partial class AotPublishTests(
    AotPublishFixture publish, LambdaTestEnvironment environment, ITestOutputHelper output)
    : IClassFixture<AotPublishFixture>, IClassFixture<LambdaTestEnvironment>
{
    // The glibc of Amazon Linux 2023, which the provided.al2023 runtime runs on.
    private static readonly Version AmazonLinux2023Glibc = new(2, 34);

    [Fact]
    public void Publish_NativeAot_HasNoWarnings()
    {
        output.WriteLine($"publish took {publish.Duration.TotalSeconds:F0} s");

        publish.ExitCode.Should().Be(0, publish.Log);
        publish.Warnings.Should().BeEmpty();
        publish.Log.Should().Contain("Generating native code");
        var size = new FileInfo(publish.BinaryPath).Length;
        output.WriteLine($"bootstrap is {size / 1024.0 / 1024.0:F1} MiB ({size} bytes)");
    }

    [Fact]
    public async Task Bootstrap_GlibcSymbols_FitAmazonLinux2023()
    {
        publish.ExitCode.Should().Be(0, publish.Log);
        var info = new ProcessStartInfo("objdump", ["-T", publish.BinaryPath]) { RedirectStandardOutput = true };
        using var process = Process.Start(info)
            ?? throw new InvalidOperationException("objdump (binutils, installed with clang) is missing.");
        var symbols = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        var versions = GlibcVersion().Matches(symbols).Select(match => Version.Parse(match.Groups[1].Value)).ToList();

        versions.Should().NotBeEmpty();
        versions.Max().Should().BeLessThanOrEqualTo(AmazonLinux2023Glibc);
    }

    [Fact]
    public async Task Bootstrap_FourHandlers_ConvertEndToEnd()
    {
        publish.ExitCode.Should().Be(0, publish.Log);
        var (settings, route) = await environment.CreateSettingsAsync();
        await using var create = await StartAsync(LambdaHandlers.CreateUpload, settings);
        await using var submit = await StartAsync(LambdaHandlers.SubmitUpload, settings);
        await using var webhook = await StartAsync(LambdaHandlers.Webhook, settings);
        await using var status = await StartAsync(LambdaHandlers.Status, settings);
        var webhookRoute = environment.Receiver.Attach(
            route, new BootstrapHandler(webhook), ProxyFormat.HttpApi, base64: false);

        var created = await ProxyAsync(create, TestHttpRequest.Json(
            "POST", "/conversions", """{"file_name":"people.csv","target":"json","content_type":"text/csv"}"""));
        var fileId = created.Json.GetProperty("file_id").GetString()!;
        await PutAsync(created.Json, "name,city\r\nAda,London\r\n");
        var key = await SingleUploadKeyAsync(settings["S3Storage:BucketName"]!);
        var notification = S3EventJson.ObjectCreated(settings["S3Storage:BucketName"]!, key);
        var submitted = (await submit.InvokeAsync(notification)).Json;
        var jobId = submitted.GetProperty("results")[0].GetProperty("job_id").GetString()!;
        await environment.Emulator.Webhooks.WaitForSuccessAsync(jobId);
        var done = await ProxyAsync(status, StatusRequest(fileId));

        created.StatusCode.Should().Be(201, created.Body);
        webhookRoute.Responses.Should().ContainSingle().Which.StatusCode.Should().Be(200);
        done.Json.GetProperty("status").GetString().Should().Be("done", done.Body);
        using var http = new HttpClient();
        var result = await http.GetStringAsync(done.Json.GetProperty("download_url").GetString());
        JsonDocument.Parse(result).RootElement[0].GetProperty("city").GetString().Should().Be("London");
        foreach (var process in new[] { create, submit, webhook, status })
        {
            var init = await process.InitDurationAsync();
            output.WriteLine($"init (start to first invocation request): {init.TotalMilliseconds:F0} ms");
            (await process.StopAsync()).Should().Be(LambdaEntryPoint.RuntimeApiFailedExitCode, process.Output);
        }
    }

    [Fact]
    public async Task Bootstrap_UnknownHandler_PostsInitError()
    {
        publish.ExitCode.Should().Be(0, publish.Log);
        var (settings, _) = await environment.CreateSettingsAsync();
        await using var process = await StartAsync("Resize", settings);

        var error = await process.Api.InitErrorAsync();

        error.ErrorType.Should().Be("Runtime.NoSuchHandler");
        error.Json.GetProperty("errorMessage").GetString().Should().Contain(LambdaHandlers.SubmitUpload);
        (await process.StopAsync()).Should().Be(LambdaEntryPoint.InitFailedExitCode);
    }

    private Task<BootstrapProcess> StartAsync(string handler, IReadOnlyDictionary<string, string?> settings) =>
        BootstrapProcess.StartAsync(publish.BinaryPath, handler, settings);

    private static async Task<TestProxyResponse> ProxyAsync(BootstrapProcess process, TestHttpRequest request)
    {
        var outcome = await process.InvokeAsync(request.ToEvent(ProxyFormat.HttpApi));
        outcome.IsError.Should().BeFalse(Encoding.UTF8.GetString(outcome.Body));
        return await outcome.ProxyResponseAsync();
    }

    private static TestHttpRequest StatusRequest(string fileId) => new("GET", "/conversions/" + fileId)
    {
        Route = "/conversions/{fileId}",
        PathParameters = new Dictionary<string, string> { ["fileId"] = fileId },
    };

    private static async Task PutAsync(JsonElement upload, string text)
    {
        using var http = new HttpClient();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(
            upload.GetProperty("headers").GetProperty("Content-Type").GetString()!);
        using var response = await http.PutAsync(upload.GetProperty("upload_url").GetString(), content);
        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
    }

    private async Task<string> SingleUploadKeyAsync(string bucket)
    {
        using var s3 = environment.CreateS3Client();
        var listing = await s3.ListObjectsV2Async(
            new ListObjectsV2Request { BucketName = bucket, Prefix = "uploads/" });
        return listing.S3Objects.Should().ContainSingle().Which.Key;
    }

    [GeneratedRegex(@"GLIBC_(\d+\.\d+)")]
    private static partial Regex GlibcVersion();
}
