using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ChangeThisFile.Emulator.Tests.Infrastructure;

namespace ChangeThisFile.Emulator.Tests;

public sealed class SizeCapTests : IAsyncLifetime
{
    private const long Cap = 1024;

    private readonly string _tempRoot =
        Path.Combine(Path.GetTempPath(), "ctf-emulator-tests-" + Guid.NewGuid().ToString("N"));
    private ConversionEmulator _emulator = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_tempRoot);
        _emulator = await ConversionEmulator.StartAsync(new ConversionEmulatorOptions
        {
            MaxFileSizeBytes = Cap,
            TempDirectory = _tempRoot,
        });
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        Directory.Delete(_tempRoot, recursive: true);
    }

    [Theory]
    [InlineData("/v1/convert")]
    [InlineData("/v1/jobs")]
    public async Task Upload_OverCap_Returns413FileTooLarge(string path)
    {
        using var api = EmulatorApi.For(_emulator);

        var form = EmulatorApi.Form(Csv((int)Cap + 1), "big.csv", ("target", "json"));

        using var response = await api.PostAsync(path, form);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        var error = await EmulatorApi.ErrorAsync(response);
        error.Code.Should().Be("file_too_large");
        error.Details!.Value.GetProperty("limit").GetInt64().Should().Be(Cap);
        _emulator.Jobs.Count.Should().Be(0);
    }

    [Fact]
    public async Task Upload_AtCap_IsAccepted()
    {
        using var api = EmulatorApi.For(_emulator);

        using var response = await api.ConvertAsync(Csv((int)Cap), "fits.csv", "json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ChunkedUpload_OverCap_IsStoppedWhileStreaming()
    {
        using var api = EmulatorApi.For(_emulator);
        var form = EmulatorApi.Form(Csv(64 * 1024), "big.csv", ("target", "json"));
        var body = new StreamContent(new NonSeekableStream(await form.ReadAsByteArrayAsync()));
        body.Headers.ContentType = form.Headers.ContentType;

        using var response = await api.PostAsync("/v1/convert", body);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        var leftovers = Directory.EnumerateFiles(_tempRoot, "*", SearchOption.AllDirectories);
        leftovers.Should().BeEmpty("a rejected upload leaves no file");
    }

    [Fact]
    public async Task RawUpload_OverCap_Returns413()
    {
        using var api = EmulatorApi.For(_emulator);
        using var body = new ByteArrayContent(Csv((int)Cap + 100));
        body.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        using var response = await api.PostAsync("/v1/jobs?target=json&filename=a.csv", body);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    private static byte[] Csv(int size)
    {
        var text = new StringBuilder("a\n");
        while (text.Length < size - 1)
        {
            text.Append("1\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString()[..(size - 1)] + "\n");
    }

    /// <summary>A read-only stream that cannot report its length, so the request is sent chunked.</summary>
    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
