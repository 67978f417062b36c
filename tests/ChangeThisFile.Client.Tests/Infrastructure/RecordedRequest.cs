using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using WireMock.Logging;

namespace ChangeThisFile.Client.Tests.Infrastructure;

/// <summary>One part of a recorded multipart body.</summary>
public sealed record RecordedPart(
    string Name, string? FileName, string? ContentType, string RawDisposition, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);
}

/// <summary>Reads what WireMock recorded about a request.</summary>
public static class RecordedRequest
{
    public static string? Header(this ILogEntry entry, string name) =>
        entry.RequestMessage!.Headers?
            .FirstOrDefault(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            .Value?.FirstOrDefault();

    public static bool HasHeader(this ILogEntry entry, string name) =>
        entry.RequestMessage!.Headers?.Keys
            .Any(key => string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) == true;

    public static byte[] BodyBytes(this ILogEntry entry) =>
        entry.RequestMessage!.BodyAsBytes ?? Encoding.UTF8.GetBytes(entry.RequestMessage!.Body ?? string.Empty);

    /// <summary>Parses the multipart body with ASP.NET Core's reader, in the order the parts were sent.</summary>
    public static async Task<IReadOnlyList<RecordedPart>> PartsAsync(this ILogEntry entry)
    {
        var contentType = MediaTypeHeaderValue.Parse(entry.Header("Content-Type"));
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value!;
        var reader = new MultipartReader(boundary, new MemoryStream(entry.BodyBytes()));
        var parts = new List<RecordedPart>();
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            var disposition = ContentDispositionHeaderValue.Parse(section.ContentDisposition);
            using var body = new MemoryStream();
            await section.Body.CopyToAsync(body);
            var fileName = disposition.FileNameStar.HasValue
                ? disposition.FileNameStar.Value
                : disposition.FileName.Value;
            parts.Add(new RecordedPart(
                HeaderUtilities.RemoveQuotes(disposition.Name).Value!,
                fileName is null ? null : HeaderUtilities.RemoveQuotes(fileName).Value,
                section.ContentType,
                section.ContentDisposition!,
                body.ToArray()));
        }

        return parts;
    }
}
