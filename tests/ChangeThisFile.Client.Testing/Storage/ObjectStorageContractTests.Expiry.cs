using System.Net;

namespace ChangeThisFile.Client.Testing.Storage;

public abstract partial class ObjectStorageContractTests
{
    private static readonly TimeSpan WallClockExpiry = TimeSpan.FromSeconds(1);

    // Services compare expiry in whole seconds, so the wait for a wall-clock expiry adds a margin.
    private static readonly TimeSpan WallClockMargin = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task PresignedUpload_ExpiresAt_IsNowPlusExpiresIn()
    {
        var before = Now();
        var request = await Storage.CreateUploadRequestAsync(
            "uploads/a.pdf", new() { ExpiresIn = TimeSpan.FromMinutes(10) });
        var after = Now();

        request.ExpiresAt.Should().BeOnOrAfter(before.AddMinutes(10).AddSeconds(-1));
        request.ExpiresAt.Should().BeOnOrBefore(after.AddMinutes(10).AddSeconds(1));
    }

    [Fact]
    public async Task PresignedUpload_Expired_IsRejected()
    {
        var request = await CreateExpiringUploadAsync("uploads/expired.txt");

        using var response = await SendAsync(request, "late"u8.ToArray(), "text/plain");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Storage.ExistsAsync("uploads/expired.txt")).Should().BeFalse();
    }

    [Fact]
    public async Task PresignedDownload_Expired_IsRejected()
    {
        await Storage.WriteAsync("results/expiring.txt", Text("x"));
        var request = await CreateExpiringDownloadAsync("results/expiring.txt");

        using var response = await Http.GetAsync(request.Url);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task PresignedUpload_BeforeExpiry_Succeeds()
    {
        if (Capabilities.ExpiryClock != PresignedExpiryClock.Injected)
        {
            return;
        }

        var request = await Storage.CreateUploadRequestAsync(
            "uploads/in-time.txt", new() { ContentType = "text/plain", ExpiresIn = TimeSpan.FromMinutes(5) });
        Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));

        using var response = await SendAsync(request, "on time"u8.ToArray());

        response.IsSuccessStatusCode.Should().BeTrue();
    }

    private DateTimeOffset Now() =>
        Capabilities.ExpiryClock == PresignedExpiryClock.Injected ? Clock.GetUtcNow() : DateTimeOffset.UtcNow;

    private async Task<PresignedRequest> CreateExpiringUploadAsync(string key)
    {
        var options = new PresignedUploadOptions { ContentType = "text/plain", ExpiresIn = ExpiryFor() };
        var request = await Storage.CreateUploadRequestAsync(key, options);
        await ExpireAsync(request);
        return request;
    }

    private async Task<PresignedRequest> CreateExpiringDownloadAsync(string key)
    {
        var request = await Storage.CreateDownloadRequestAsync(key, new() { ExpiresIn = ExpiryFor() });
        await ExpireAsync(request);
        return request;
    }

    private TimeSpan ExpiryFor() =>
        Capabilities.ExpiryClock == PresignedExpiryClock.Injected ? TimeSpan.FromMinutes(5) : WallClockExpiry;

    // The injected clock jumps; a wall-clock service is waited out, never timed.
    private async Task ExpireAsync(PresignedRequest request)
    {
        if (Capabilities.ExpiryClock == PresignedExpiryClock.Injected)
        {
            Clock.Advance(TimeSpan.FromMinutes(5));
            return;
        }

        var wait = request.ExpiresAt + WallClockMargin - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }
}
