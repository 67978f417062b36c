using System.Net;
using ChangeThisFile.Emulator.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace ChangeThisFile.Emulator.Tests;

public sealed class ResultUrlTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private ConversionEmulator _emulator = null!;
    private EmulatorApi _api = null!;
    private readonly HttpClient _anonymous = new();

    public async Task InitializeAsync()
    {
        _emulator = await ConversionEmulator.StartAsync(new ConversionEmulatorOptions
        {
            TimeProvider = _clock,
            ResultUrlLifetime = TimeSpan.FromHours(1),
        });
        _api = EmulatorApi.For(_emulator);
    }

    public async Task DisposeAsync()
    {
        _anonymous.Dispose();
        _api.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task ResultUrl_BeforeExpiry_ServesResultWithoutKey()
    {
        var url = await CompletedResultUrlAsync();

        using var response = await _anonymous.GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/tab-separated-values");
        response.Content.Headers.ContentDisposition!.FileName.Should().Be("table.tsv");
        (await response.Content.ReadAsStringAsync()).Should().Be("a\tb\n1\t2\n");
    }

    [Fact]
    public async Task ResultUrl_AfterLifetime_Returns403()
    {
        var url = await CompletedResultUrlAsync();
        var jobId = _emulator.Jobs.List().Single().JobId;

        _clock.Advance(TimeSpan.FromHours(1));
        using var expired = await _anonymous.GetAsync(url);
        var fresh = (await _api.GetJobAsync(jobId)).GetProperty("result").GetProperty("file_url").GetString();
        using var renewed = await _anonymous.GetAsync(fresh);

        expired.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await EmulatorApi.ErrorAsync(expired)).Message.Should().Contain("expired");
        fresh.Should().NotBe(url);
        renewed.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("signature=", "signature=0")]
    [InlineData("expires=", "expires=9")]
    public async Task ResultUrl_Tampered_Returns403(string part, string replacement)
    {
        var url = await CompletedResultUrlAsync();

        using var response = await _anonymous.GetAsync(url.Replace(part, replacement, StringComparison.Ordinal));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await EmulatorApi.ErrorAsync(response)).Code.Should().Be("forbidden");
    }

    [Fact]
    public async Task ResultUrl_RangeRequest_Returns206()
    {
        var url = await CompletedResultUrlAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 2);

        using var response = await _anonymous.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.PartialContent);
        (await response.Content.ReadAsStringAsync()).Should().Be("a\tb");
    }

    private async Task<string> CompletedResultUrlAsync()
    {
        var jobId = await _api.SubmitJobAsync("a,b\n1,2\n"u8.ToArray(), "table.csv", "tsv");
        (await _emulator.Jobs.WaitForTerminalAsync(jobId)).Status.Should().Be("completed");
        return (await _api.GetJobAsync(jobId)).GetProperty("result").GetProperty("file_url").GetString()!;
    }
}
