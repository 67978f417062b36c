using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ChangeThisFile.Emulator.Tests.Infrastructure;

/// <summary>
/// The error envelope of a response: <c>error.code</c>, <c>error.message</c> and
/// <c>error.details</c>.
/// </summary>
public sealed record ApiError(string Code, string Message, JsonElement? Details);

/// <summary>
/// A small typed helper over <see cref="HttpClient"/> for the emulator's HTTP API: builds the
/// multipart requests, sends optional idempotency keys and parses bodies.
/// </summary>
public sealed class EmulatorApi(HttpClient http) : IDisposable
{
    public HttpClient Http { get; } = http;

    public static EmulatorApi For(ConversionEmulator emulator) => new(emulator.CreateHttpClient());

    public static MultipartFormDataContent Form(
        byte[]? file, string? fileName, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        if (file is not null)
        {
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "file", fileName ?? "input");
        }

        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value, Encoding.UTF8), name);
        }

        return form;
    }

    public Task<HttpResponseMessage> ConvertAsync(
        byte[] file, string fileName, string target, params (string, string)[] fields) =>
        PostAsync("/v1/convert", Form(file, fileName, [("target", target), .. fields]));

    public Task<HttpResponseMessage> SubmitAsync(
        byte[] file, string fileName, string target, params (string, string)[] fields) =>
        PostAsync("/v1/jobs", Form(file, fileName, [("target", target), .. fields]));

    public Task<HttpResponseMessage> SubmitUrlAsync(Uri fileUrl, string target, params (string, string)[] fields) =>
        PostAsync("/v1/jobs", Form(null, null, [("file_url", fileUrl.ToString()), ("target", target), .. fields]));

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public async Task<HttpResponseMessage> PostAsync(string path, HttpContent content, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>Submits a job and returns its id, failing the test unless the response status is 202.</summary>
    public async Task<string> SubmitJobAsync(
        byte[] file, string fileName, string target, params (string, string)[] fields)
    {
        using var response = await SubmitAsync(file, fileName, target, fields);
        var body = await JsonAsync(response);
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Accepted, body.ToString());
        return body.GetProperty("job_id").GetString()!;
    }

    public async Task<JsonElement> GetJobAsync(string jobId)
    {
        using var response = await Http.GetAsync($"/v1/jobs/{jobId}");
        response.EnsureSuccessStatusCode();
        return await JsonAsync(response);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static async Task<ApiError> ErrorAsync(HttpResponseMessage response)
    {
        var body = await JsonAsync(response);
        var error = body.GetProperty("error");
        JsonElement? details = error.TryGetProperty("details", out var value) ? value : null;
        return new ApiError(error.GetProperty("code").GetString()!, error.GetProperty("message").GetString()!, details);
    }

    public void Dispose() => Http.Dispose();
}
