namespace ChangeThisFile.Client;

/// <summary>What a completed download wrote.</summary>
/// <param name="BytesWritten">The number of bytes written to the destination.</param>
/// <param name="ContentType">The media type the server sent, if any.</param>
/// <param name="FileName">
/// The file name from <c>Content-Disposition</c> with any directory part removed, if the server
/// sent one. It comes from the server: sanitize it before using it as a path.
/// </param>
public sealed record DownloadResult(long BytesWritten, string? ContentType, string? FileName);
