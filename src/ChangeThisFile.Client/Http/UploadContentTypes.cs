using System.Net.Http.Headers;

namespace ChangeThisFile.Client.Http;

internal static class UploadContentTypes
{
    /// <summary>Returns the media type to send, rejecting one that would not parse as a header.</summary>
    public static string Validate(string? contentType)
    {
        if (contentType is null)
        {
            return UploadContent.DefaultContentType;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed) || contentType.Any(char.IsControl))
        {
            throw new ArgumentException(
                $"The content type '{contentType}' is not a valid media type; pass one such as 'image/png', " +
                "or null for application/octet-stream.",
                nameof(contentType));
        }

        return parsed.ToString();
    }
}
