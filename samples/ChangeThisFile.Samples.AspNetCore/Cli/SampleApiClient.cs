using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChangeThisFile.Client.Flow;
using ChangeThisFile.Samples.AspNetCore.Api;
using ChangeThisFile.Samples.AspNetCore.Hosting;

namespace ChangeThisFile.Samples.AspNetCore.Cli;

/// <summary>
/// Calls the sample's HTTP API the way a browser or another service would: create the upload,
/// PUT the file to the presigned URL with its headers, submit, read the status, download.
/// </summary>
/// <param name="http">A client whose base address is the sample application.</param>
internal sealed class SampleApiClient(HttpClient http)
{
    private static readonly SampleJsonContext Json = SampleJsonContext.Default;

    private static readonly ConversionFlowJsonContext FlowJson = ConversionFlowJsonContext.Default;

    /// <summary>Step 1: creates the upload.</summary>
    /// <exception cref="ConversionStepException">The application rejected the request.</exception>
    public async Task<CreateUploadResult> CreateUploadAsync(CreateUploadBody body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/uploads", body, Json.CreateUploadBody, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new ConversionStepException(
                "Creating the upload failed: " + await DescribeAsync(response, cancellationToken));
        }

        return (await response.Content.ReadFromJsonAsync(FlowJson.CreateUploadResult, cancellationToken))!;
    }

    /// <summary>Uploads the file to the presigned URL with exactly the headers it was signed for.</summary>
    /// <returns>The storage's status code.</returns>
    /// <exception cref="ConversionStepException">The storage rejected the upload.</exception>
    public async Task<HttpStatusCode> UploadAsync(
        CreateUploadResult upload, Stream file, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(upload.Method), upload.UploadUrl)
        {
            Content = new StreamContent(file),
        };
        foreach (var (name, value) in upload.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ConversionStepException(
                "Uploading to the presigned URL failed: " + await DescribeAsync(response, cancellationToken));
        }

        return response.StatusCode;
    }

    /// <summary>Step 2: submits the uploaded file.</summary>
    /// <exception cref="ConversionStepException">The application or the API rejected it.</exception>
    public async Task<SubmitResult> SubmitAsync(string fileId, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(SampleRoutes.Submit(fileId), content: null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            return (await response.Content.ReadFromJsonAsync(FlowJson.SubmitResult, cancellationToken))!;
        }

        throw new ConversionStepException("Submitting failed: " + await DescribeAsync(response, cancellationToken));
    }

    /// <summary>Step 4: reads the status.</summary>
    /// <exception cref="ConversionStepException">The application returned an error.</exception>
    public async Task<ConversionStatus> GetStatusAsync(string fileId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(SampleRoutes.Status(fileId), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ConversionStepException(
                "Reading the status failed: " + await DescribeAsync(response, cancellationToken));
        }

        return (await response.Content.ReadFromJsonAsync(FlowJson.ConversionStatus, cancellationToken))!;
    }

    /// <summary>Downloads the result from the status's presigned URL into <paramref name="destination"/>.</summary>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ConversionStepException">The storage returned an error.</exception>
    public async Task<long> DownloadAsync(Uri url, Stream destination, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ConversionStepException(
                "Downloading the result failed: " + await DescribeAsync(response, cancellationToken));
        }

        await response.Content.CopyToAsync(destination, cancellationToken);
        return destination.Length;
    }

    /// <summary>Returns the status code and the most useful message of an error response.</summary>
    private static async Task<string> DescribeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = $"HTTP {(int)response.StatusCode}";
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var message = MessageOf(body) ?? (body.Length is > 0 and <= 500 ? body.Trim() : null);
        return message is null ? status : $"{message} ({status})";
    }

    /// <summary>
    /// Reads <c>detail</c> of a problem, or <c>error.message</c> and <c>message</c> of a submit result.
    /// </summary>
    private static string? MessageOf(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                var text = error.TryGetProperty("message", out var m) ? m.GetString() : null;
                return code is null ? text : $"{code}: {text}";
            }

            foreach (var name in (string[])["detail", "message", "title"])
            {
                if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    return value.GetString();
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
