namespace ChangeThisFile.Emulator.Tests.Infrastructure;

/// <summary>
/// A request body that sends its first half, then waits for <see cref="Release"/> before
/// sending the rest, so that a test can keep a request in flight.
/// </summary>
public sealed class GatedContent : HttpContent
{
    private readonly byte[] _body;
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private GatedContent(byte[] body) => _body = body;

    public static async Task<GatedContent> FromAsync(HttpContent content)
    {
        var gated = new GatedContent(await content.ReadAsByteArrayAsync());
        foreach (var header in content.Headers.Where(h => h.Key != "Content-Length"))
        {
            gated.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return gated;
    }

    public void Release() => _gate.TrySetResult();

    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
    {
        var half = _body.Length / 2;
        await stream.WriteAsync(_body.AsMemory(0, half));
        await stream.FlushAsync();
        await _gate.Task;
        await stream.WriteAsync(_body.AsMemory(half));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _body.Length;
        return true;
    }
}
