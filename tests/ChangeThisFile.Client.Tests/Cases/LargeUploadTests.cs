using System.Security.Cryptography;
using ChangeThisFile.Client.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Xunit.Abstractions;

namespace ChangeThisFile.Client.Tests.Cases;

/// <summary>Runs alone, so that allocation figures measured in the process belong to it.</summary>
[CollectionDefinition(nameof(LargeUploadCollection), DisableParallelization = true)]
public sealed class LargeUploadCollection;

/// <summary>
/// A few hundred MiB go out as a stream: the server (Kestrel on 127.0.0.1, which only counts and
/// hashes the file part) receives every byte, progress is reported, and the client never keeps
/// the file in memory.
/// </summary>
[Collection(nameof(LargeUploadCollection))]
public sealed class LargeUploadTests(ITestOutputHelper output)
{
    private const long FileSize = 256L * 1024 * 1024;

    // Far below the file size, so any buffering of the body would exceed it.
    private const long MaxAllocatedBytes = 48L * 1024 * 1024;

    private static readonly Lazy<Task<string>> ExpectedHash = new(ComputeExpectedHashAsync);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LargeStream_IsStreamedWhole(bool seekable)
    {
        var received = new ReceivedFile();
        await using var server = await LoopbackServer.StartAsync(context => CountAndHashAsync(context, received));
        using var harness = new ClientHarness(server.Url);
        var progress = new RecordingProgress<TransferProgress>();
        var content = UploadContent.FromStream(new GeneratedStream(FileSize, seekable), "big.bin");
        var expectedHash = await ExpectedHash.Value;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var request = new JobUploadRequest(content, "zip") { UploadProgress = progress };
        var handle = await harness.Client.SubmitJobAsync(request);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        output.WriteLine($"Uploaded {FileSize} bytes; the process allocated {allocated} bytes, server included.");
        handle.JobId.Should().NotBeEmpty();
        received.Bytes.Should().Be(FileSize);
        received.Hash.Should().Be(expectedHash);
        received.ChunkedRequest.Should().Be(!seekable);
        progress.Values.Should().HaveCountGreaterThan(100);
        progress.Values[^1].BytesTransferred.Should().Be(FileSize);
        progress.Values[^1].TotalBytes.Should().Be(seekable ? FileSize : null);
        allocated.Should().BeLessThan(MaxAllocatedBytes);
    }

    private static async Task CountAndHashAsync(HttpContext context, ReceivedFile received)
    {
        received.ChunkedRequest = context.Request.ContentLength is null;
        var contentType = MediaTypeHeaderValue.Parse(context.Request.ContentType);
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value!;
        var reader = new MultipartReader(boundary, context.Request.Body);
        while (await reader.ReadNextSectionAsync(context.RequestAborted) is { } section)
        {
            if (!section.ContentDisposition!.Contains("name=\"file\"", StringComparison.Ordinal))
            {
                continue;
            }

            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            int read;
            while ((read = await section.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                received.Bytes += read;
            }

            received.Hash = Convert.ToHexString(hash.GetHashAndReset());
        }

        context.Response.StatusCode = 202;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(Examples.Read("job-created.json"), context.RequestAborted);
    }

    private static async Task<string> ComputeExpectedHashAsync()
    {
        using var sha = SHA256.Create();
        return Convert.ToHexString(await sha.ComputeHashAsync(new GeneratedStream(FileSize)));
    }

    private sealed class ReceivedFile
    {
        public long Bytes { get; set; }

        public string? Hash { get; set; }

        public bool ChunkedRequest { get; set; }
    }
}
