using System.Security.Cryptography;
using System.Text;
using ChangeThisFile.Client.Tests.Infrastructure;
using Microsoft.Net.Http.Headers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ChangeThisFile.Client.Tests.Cases;

/// <summary>
/// The multipart boundary must be unpredictable to whoever supplies the file: a file that contains
/// the boundary would end its part early and add form fields of its own.
/// </summary>
public sealed class MultipartBoundaryTests : IDisposable
{
    private const string IdempotencyKey = "submit:file-1234";
    private readonly ApiServer _api = new();

    public MultipartBoundaryTests() =>
        _api.Server.Given(Request.Create().WithPath("/v1/jobs").UsingPost())
            .RespondWith(Responses.Example(202, "job-created.json"));

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Upload_FileGuessesBoundaryFromKey_InjectsNoField()
    {
        using var harness = new ClientHarness(_api.Url);
        var guessed = "ctf-" + Convert.ToHexString(
            SHA256.HashData(Encoding.UTF8.GetBytes(IdempotencyKey)), 0, 16).ToLowerInvariant();
        var file = Encoding.UTF8.GetBytes(
            "%PDF-1.4\r\n--" + guessed + "\r\nContent-Disposition: form-data; name=\"webhook_url\"\r\n\r\n" +
            "https://attacker.invalid/steal\r\n--" + guessed + "--\r\n");

        await harness.Client.SubmitJobAsync(new JobUploadRequest(UploadContent.FromBytes(file, "a.pdf"), "html")
        {
            WebhookUrl = new Uri("https://app.example.test/hooks"),
            IdempotencyKey = IdempotencyKey,
        });

        var parts = await _api.SingleRequest().PartsAsync();
        parts.Select(part => part.Name).Should().Equal("target", "webhook_url", "file");
        parts[1].Text.Should().Be("https://app.example.test/hooks");
        parts[2].Body.Should().Equal(file);
    }

    [Fact]
    public async Task Boundary_SameKeys_IsIdenticalForReplays()
    {
        var first = await BoundaryOfSubmissionAsync(ClientHarness.ApiKey);
        var second = await BoundaryOfSubmissionAsync(ClientHarness.ApiKey);

        second.Should().Be(first);
    }

    [Fact]
    public async Task Boundary_OtherApiKey_Differs()
    {
        var mine = await BoundaryOfSubmissionAsync(ClientHarness.ApiKey);
        var other = await BoundaryOfSubmissionAsync("ctf_sk_another_account_key");

        other.Should().NotBe(mine, "the boundary depends on a secret, not on the idempotency key alone");
    }

    [Fact]
    public async Task Boundary_KeysAndThreadsMixed_MatchesOneShotHmac()
    {
        static string Expected(string apiKey, string key) =>
            "ctf-" + Convert.ToHexString(
                HMACSHA256.HashData(Encoding.UTF8.GetBytes(apiKey), Encoding.UTF8.GetBytes(key)), 0, 16).ToLowerInvariant();
        string[] apiKeys = ["ctf_sk_first_account_key", "ctf_sk_second_account_key", "ctf_sk_first_account_key"];

        var mismatches = await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            var wrong = 0;
            for (var i = 0; i < 300; i++)
            {
                var apiKey = apiKeys[(i + worker) % apiKeys.Length];
                var key = $"submit:{worker}:{i}";
                if (ChangeThisFile.Client.Http.MultipartUploadContent.BoundaryFor(key, apiKey) != Expected(apiKey, key))
                {
                    wrong++;
                }
            }

            return wrong;
        })));

        mismatches.Should().AllBeEquivalentTo(0);
    }

    private async Task<string> BoundaryOfSubmissionAsync(string apiKey)
    {
        using var harness = new ClientHarness(_api.Url, options => options.ApiKey = apiKey);
        _api.Server.ResetLogEntries();

        await harness.Client.SubmitJobAsync(new JobUploadRequest(UploadContent.FromBytes(new byte[] { 1, 2, 3 }, "a.png"), "webp")
        {
            IdempotencyKey = IdempotencyKey,
        });

        var contentType = MediaTypeHeaderValue.Parse(_api.SingleRequest().Header("Content-Type"));
        return HeaderUtilities.RemoveQuotes(contentType.Boundary).Value!;
    }
}
