using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ChangeThisFile.Emulator.Api;
using ChangeThisFile.Emulator.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace ChangeThisFile.Emulator.Requests;

/// <summary>
/// Reads a conversion request in any accepted encoding: multipart/form-data (the documented
/// form), application/x-www-form-urlencoded (for <c>file_url</c>), or a raw body with the fields
/// in the query string. Files stream to a temporary file under the size cap; nothing is held
/// in memory whole.
/// </summary>
internal sealed class ConversionRequestReader(ConversionEmulatorOptions options, TempFiles tempFiles)
{
    /// <summary>The longest text field accepted, in bytes.</summary>
    public const int MaxFieldBytes = 64 * 1024;

    /// <summary>The most text fields accepted in one request.</summary>
    public const int MaxFields = 32;

    private const int MaxPartHeaderBytes = 16 * 1024;
    private const int MaxPartHeaders = 16;

    /// <summary>Room for multipart boundaries, headers and text fields above the file size cap.</summary>
    public const long EnvelopeAllowanceBytes = 1024 * 1024;

    public async Task<ConversionRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > options.MaxFileSizeBytes + EnvelopeAllowanceBytes)
        {
            throw ApiErrors.FileTooLarge(options.MaxFileSizeBytes);
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        UploadedFile? file = null;
        try
        {
            file = await ReadBodyAsync(request, fields, cancellationToken).ConfigureAwait(false);
            AddQueryFields(request, fields);
            var hash = RequestHash.Compute(request.Method, request.Path.Value ?? string.Empty, fields, file);
            return new ConversionRequest(fields, file, hash);
        }
        catch (Exception ex)
        {
            TempFiles.TryDelete(file?.Path);
            var translated = Translate(ex);
            if (ReferenceEquals(translated, ex))
            {
                throw;
            }

            throw translated;
        }
    }

    private Task<UploadedFile?> ReadBodyAsync(
        HttpRequest request, Dictionary<string, string> fields, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType && MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType))
        {
            return mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
                ? ReadMultipartAsync(request, mediaType, fields, cancellationToken)
                : ReadUrlEncodedAsync(request, fields, cancellationToken);
        }

        CheckRawContentType(request);
        return ReadRawAsync(request, cancellationToken);
    }

    /// <summary>
    /// Rejects a body that is not a form when the query string has no 'target', because such a
    /// body most likely carries the fields, for example as a JSON object, in a form the API lacks.
    /// </summary>
    /// <remarks>The API reference lists no 415 code, so this is a 400 <c>bad_request</c>.</remarks>
    private static void CheckRawContentType(HttpRequest request)
    {
        if (string.IsNullOrEmpty(request.ContentType) || request.Query.ContainsKey("target"))
        {
            return;
        }

        var acceptedForms = request.Path.Value?.EndsWith("/jobs", StringComparison.OrdinalIgnoreCase) == true
            ? "multipart/form-data, or application/x-www-form-urlencoded for a 'file_url'"
            : "multipart/form-data";
        throw ApiErrors.BadRequest(
            $"The Content-Type '{request.ContentType}' is not accepted for the request fields. Send them as " +
            $"{acceptedForms}, or send the raw file as the body with 'target' and 'filename' in the query string.");
    }

    private async Task<UploadedFile?> ReadMultipartAsync(
        HttpRequest request,
        MediaTypeHeaderValue mediaType,
        Dictionary<string, string> fields,
        CancellationToken cancellationToken)
    {
        var reader = new MultipartReader(GetBoundary(mediaType), request.Body)
        {
            HeadersLengthLimit = MaxPartHeaderBytes,
            HeadersCountLimit = MaxPartHeaders,
        };
        UploadedFile? file = null;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
            {
                var (name, fileName, isFile) = DescribePart(section);
                if (isFile || name == "file")
                {
                    CheckFilePart(name, file);
                    file = await SaveFileAsync(section.Body, fileName, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var value = await ReadFieldAsync(section.Body, name, cancellationToken).ConfigureAwait(false);
                    AddField(fields, name, value);
                }
            }

            return file;
        }
        catch
        {
            TempFiles.TryDelete(file?.Path);
            throw;
        }
    }

    private static string GetBoundary(MediaTypeHeaderValue mediaType)
    {
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        return !string.IsNullOrEmpty(boundary) && boundary.Length <= 70
            ? boundary
            : throw ApiErrors.BadRequest(
                "The multipart/form-data Content-Type needs a boundary parameter of 1 to 70 characters.");
    }

    private static (string Name, string? FileName, bool IsFile) DescribePart(MultipartSection section)
    {
        if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
            || disposition is null
            || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
            || Microsoft.Extensions.Primitives.StringSegment.IsNullOrEmpty(disposition.Name))
        {
            throw ApiErrors.BadRequest(
                "Every multipart part needs a 'Content-Disposition: form-data; name=\"...\"' header.");
        }

        var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
        var fileName = disposition.FileNameStar.HasValue
            ? disposition.FileNameStar.Value
            : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
        return (name, FileNames.Clean(fileName), disposition.IsFileDisposition());
    }

    private static void CheckFilePart(string name, UploadedFile? existing)
    {
        if (name != "file")
        {
            throw ApiErrors.BadRequest($"The file part is named '{name}'; send the input as the part named 'file'.");
        }

        if (existing is not null)
        {
            throw ApiErrors.BadRequest("The request has more than one 'file' part; send one input per request.");
        }
    }

    private static async Task<UploadedFile?> ReadUrlEncodedAsync(
        HttpRequest request, Dictionary<string, string> fields, CancellationToken cancellationToken)
    {
        using var reader = new FormReader(request.Body, Encoding.UTF8)
        {
            ValueCountLimit = MaxFields,
            KeyLengthLimit = 1024,
            ValueLengthLimit = MaxFieldBytes,
        };
        var form = await reader.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (name, values) in form)
        {
            AddField(fields, name, values.Count == 1 ? values[0] ?? string.Empty : throw Duplicate(name));
        }

        return null;
    }

    private async Task<UploadedFile?> ReadRawAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength == 0)
        {
            return null;
        }

        var fileName = FileNames.Clean(request.Query["filename"].FirstOrDefault());
        var file = await SaveFileAsync(request.Body, fileName, cancellationToken).ConfigureAwait(false);
        if (file.Size > 0)
        {
            return file;
        }

        TempFiles.TryDelete(file.Path);
        return null;
    }

    private async Task<UploadedFile> SaveFileAsync(Stream body, string? fileName, CancellationToken cancellationToken)
    {
        var path = tempFiles.NewPath("upload");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var size = await LimitedCopy
            .CopyToFileAsync(body, path, options.MaxFileSizeBytes, hash, cancellationToken)
            .ConfigureAwait(false);
        return new UploadedFile(path, size, fileName, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static async Task<string> ReadFieldAsync(Stream body, string name, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        try
        {
            await LimitedCopy.CopyAsync(body, buffer, MaxFieldBytes, null, cancellationToken).ConfigureAwait(false);
        }
        catch (SizeLimitExceededException)
        {
            throw ApiErrors.BadRequest(string.Create(
                CultureInfo.InvariantCulture, $"The field '{name}' is longer than {MaxFieldBytes} bytes."));
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void AddField(Dictionary<string, string> fields, string name, string value)
    {
        if (fields.Count >= MaxFields)
        {
            throw ApiErrors.BadRequest(
                string.Create(CultureInfo.InvariantCulture, $"The request has more than {MaxFields} fields."));
        }

        if (!fields.TryAdd(name, value))
        {
            throw Duplicate(name);
        }
    }

    private static void AddQueryFields(HttpRequest request, Dictionary<string, string> fields)
    {
        foreach (var (name, values) in request.Query)
        {
            if (name != "filename" && !fields.ContainsKey(name))
            {
                AddField(fields, name, values.Count == 1 ? values[0] ?? string.Empty : throw Duplicate(name));
            }
        }
    }

    private static ApiException Duplicate(string name) =>
        ApiErrors.BadRequest($"The field '{name}' appears more than once; send it once.");

    private Exception Translate(Exception exception) => exception switch
    {
        SizeLimitExceededException => ApiErrors.FileTooLarge(options.MaxFileSizeBytes),
        InvalidDataException or BadHttpRequestException => ApiErrors.BadRequest(
            "The request body is malformed: " + exception.Message),
        IOException when exception.Message.Contains("Unexpected end of", StringComparison.OrdinalIgnoreCase) =>
            ApiErrors.BadRequest("The multipart body ended before its closing boundary."),
        _ => exception,
    };
}
