using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChangeThisFile.Samples.AspNetCore.Api;

/// <summary>
/// Reads a small JSON request body. A wrong media type, an empty or oversized body, invalid JSON
/// or a field of the wrong type becomes a problem response that names the value and the fix.
/// Minimal API body binding would send these as a 400 or 415 with an empty body.
/// </summary>
internal static class JsonRequestBody
{
    /// <summary>The maximum body size accepted, in bytes. The JSON requests carry a few short fields.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Reads the body as <typeparamref name="T"/>, or returns the problem to send instead.</summary>
    /// <param name="example">A valid body, shown in the messages.</param>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(
        HttpRequest request, JsonTypeInfo<T> typeInfo, string example, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            var contentType = string.IsNullOrEmpty(request.ContentType) ? "none" : $"'{request.ContentType}'";
            return (null, Problem(
                StatusCodes.Status415UnsupportedMediaType,
                $"The request's Content-Type is {contentType}. " +
                "Send the body as JSON with Content-Type: application/json."));
        }

        var body = await ReadBytesAsync(request, cancellationToken);
        if (body is null)
        {
            return (null, Problem(
                StatusCodes.Status413PayloadTooLarge,
                $"The request body is larger than {MaxBodyBytes} bytes. Send only the JSON fields, such as {example}."));
        }

        return Parse(body, typeInfo, example);
    }

    private static (T? Value, IResult? Problem) Parse<T>(byte[] body, JsonTypeInfo<T> typeInfo, string example)
        where T : class
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException exception)
        {
            var detail = body.Length == 0
                ? $"The request body is empty. Send a JSON object, such as {example}."
                : $"The request body is not valid JSON: {exception.Message} Send a JSON object, such as {example}.";
            return (null, Problem(StatusCodes.Status400BadRequest, detail));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, Problem(
                    StatusCodes.Status400BadRequest,
                    $"The request body is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object. " +
                    $"Send a JSON object, such as {example}."));
            }

            try
            {
                return (root.Deserialize(typeInfo)!, null);
            }
            catch (JsonException exception)
            {
                return (null, InvalidField(root, exception.Path, example));
            }
        }
    }

    /// <summary>Names the field whose value has the wrong type, and its value.</summary>
    private static IResult InvalidField(JsonElement root, string? path, string example)
    {
        var field = path is not null && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        if (field is null || !root.TryGetProperty(field, out var value))
        {
            return Problem(
                StatusCodes.Status400BadRequest,
                $"The request body has a value of the wrong type at {path ?? "$"}. " +
                $"Send a JSON object, such as {example}.");
        }

        var raw = value.GetRawText();
        var excerpt = raw.Length <= 80 ? raw : raw[..80] + "…";
        var reason = $"The field '{field}' has the invalid value {excerpt}. Give it as in {example}.";
        return TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [reason] }, detail: reason, title: "The request is invalid.");
    }

    /// <summary>Reads the whole body, or returns null when it is larger than <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<byte[]?> ReadBytesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static ProblemHttpResult Problem(int statusCode, string detail) =>
        TypedResults.Problem(statusCode: statusCode, title: "The request is invalid.", detail: detail);
}
