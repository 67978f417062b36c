using System.Globalization;
using System.Text;
using System.Text.Json;
using ChangeThisFile.Emulator.Api;
using ChangeThisFile.Emulator.Conversion;
using ChangeThisFile.Emulator.Http;

namespace ChangeThisFile.Emulator.Requests;

/// <summary>The validated meaning of a conversion request.</summary>
internal sealed record ConversionSpec
{
    /// <summary>The largest <c>webhook_metadata</c> accepted, in UTF-8 bytes.</summary>
    public const int MaxMetadataBytes = 16 * 1024;

    private const string ResultFallbackName = "converted";

    /// <summary>The canonical target format, such as <c>jpg</c>.</summary>
    public required string Target { get; init; }

    /// <summary>
    /// The source format when known before conversion: the field, the file name or the
    /// content.
    /// </summary>
    public string? Source { get; init; }

    public int? Quality { get; init; }

    public Uri? FileUrl { get; init; }

    public Uri? WebhookUrl { get; init; }

    public JsonElement? Metadata { get; init; }

    public string? InputFileName { get; init; }

    /// <summary>The input's base name and the target extension as requested, lowercased.</summary>
    public required string ResultFileName { get; init; }

    /// <summary>
    /// Validates the fields of a request; job-only fields are read when
    /// <paramref name="forJob"/> is set.
    /// </summary>
    /// <exception cref="ApiException">400 <c>bad_request</c> naming the invalid field and the
    /// fix.</exception>
    public static ConversionSpec Parse(ConversionRequest request, bool forJob, bool allowRemoteUrls)
    {
        var targetText = request.Field("target") ?? throw ApiErrors.BadRequest("The 'target' field is required.");
        var requestedTarget = ParseExtension("target", targetText);
        var fileUrl = forJob ? ParseUrl(request.Field("file_url"), "file_url", allowRemoteUrls) : null;
        CheckInput(request, fileUrl, forJob);

        var inputName = request.File?.FileName ?? NameFromUrl(fileUrl);
        var source = request.Field("source") is { } sourceText
            ? FormatNames.Normalize(ParseExtension("source", sourceText))
            : FormatNames.FromFileName(inputName);
        return new ConversionSpec
        {
            Target = FormatNames.Normalize(requestedTarget),
            Source = source,
            Quality = ParseQuality(request.Field("quality")),
            FileUrl = fileUrl,
            WebhookUrl = forJob ? ParseUrl(request.Field("webhook_url"), "webhook_url", allowRemoteUrls) : null,
            Metadata = forJob ? ParseMetadata(request.Field("webhook_metadata")) : null,
            InputFileName = inputName,
            ResultFileName = FormatNames.BaseName(inputName, ResultFallbackName)
                + "." + requestedTarget.ToLowerInvariant(),
        };
    }

    private static void CheckInput(ConversionRequest request, Uri? fileUrl, bool forJob)
    {
        if (!forJob && request.Field("file_url") is not null)
        {
            throw ApiErrors.BadRequest(
                "POST /v1/convert takes an uploaded 'file'; submit a 'file_url' with POST /v1/jobs.");
        }

        if (request.File is not null && fileUrl is not null)
        {
            throw ApiErrors.BadRequest("Send either a 'file' part or a 'file_url' field, not both.");
        }

        if (request.File is null && fileUrl is null)
        {
            throw ApiErrors.BadRequest(forJob
                ? "The request has no input; send the file as the 'file' part or its address in 'file_url'."
                : "The 'file' part is required.");
        }
    }

    private static string ParseExtension(string field, string value)
    {
        var extension = value.TrimStart('.');
        return FormatNames.IsWellFormed(extension)
            ? extension
            : throw ApiErrors.BadRequest(
                $"The '{field}' value '{Shorten(value)}' is not a file extension; "
                + "send letters and digits such as 'webp'.");
    }

    private static int? ParseQuality(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var valid = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var quality)
            && quality is >= 1 and <= 100;
        return valid
            ? quality
            : throw ApiErrors.BadRequest(
                $"The 'quality' value '{Shorten(value)}' is invalid; send an integer from 1 to 100.");
    }

    private static Uri? ParseUrl(string? value, string field, bool allowRemoteUrls)
    {
        if (value is null)
        {
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || !UrlRules.IsHttp(url))
        {
            throw ApiErrors.BadRequest($"The '{field}' value is not an absolute http or https URL.");
        }

        if (!allowRemoteUrls && !UrlRules.IsLoopback(url))
        {
            throw ApiErrors.BadRequest(
                $"The '{field}' host '{url.Host}' is not a loopback address; the emulator only calls 127.0.0.1, ::1 "
                + "and localhost unless AllowRemoteUrls is set.");
        }

        return url;
    }

    private static JsonElement? ParseMetadata(string? value)
    {
        if (value is null)
        {
            return null;
        }

        const string Fix = "send a JSON object serialized to a string, such as {\"order_id\":\"ord_1\"}.";
        if (Encoding.UTF8.GetByteCount(value) > MaxMetadataBytes)
        {
            throw ApiErrors.BadRequest(string.Create(
                CultureInfo.InvariantCulture,
                $"The 'webhook_metadata' value is longer than {MaxMetadataBytes} bytes; {Fix}"));
        }

        try
        {
            using var document = JsonDocument.Parse(value, new JsonDocumentOptions { MaxDepth = 32 });
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw ApiErrors.BadRequest("The 'webhook_metadata' value is not a JSON object; " + Fix);
        }
        catch (JsonException)
        {
            throw ApiErrors.BadRequest("The 'webhook_metadata' value is not valid JSON; " + Fix);
        }
    }

    private static string? NameFromUrl(Uri? url) =>
        url is null ? null : FileNames.Clean(Uri.UnescapeDataString(url.AbsolutePath));

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "...";
}
