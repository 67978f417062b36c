namespace ChangeThisFile.Samples.Lambda.Functions;

/// <summary>Reads invocation events.</summary>
internal static class LambdaEvents
{
    /// <summary>Returns the whole event; an event held in a memory stream is used without a copy.</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadAllAsync(Stream input, CancellationToken cancellationToken)
    {
        if (input is MemoryStream memory && memory.TryGetBuffer(out var buffer))
        {
            return buffer.AsMemory((int)memory.Position);
        }

        using var copy = new MemoryStream();
        await input.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
        return copy.ToArray();
    }
}
