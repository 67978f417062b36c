namespace ChangeThisFile.Client;

/// <summary>The progress of an upload or a download.</summary>
/// <param name="BytesTransferred">
/// Bytes of the file sent or received so far in the current attempt; it starts again from zero
/// when an upload is retried.
/// </param>
/// <param name="TotalBytes">The file size when known in advance, otherwise <see langword="null"/>.</param>
public readonly record struct TransferProgress(long BytesTransferred, long? TotalBytes);
