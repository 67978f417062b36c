using System.Text.Json;

namespace ChangeThisFile.Samples.Lambda.Tests.Infrastructure;

/// <summary>A proxy response event as API Gateway reads it.</summary>
internal sealed record TestProxyResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? ErrorCode =>
        Json.TryGetProperty("error", out var error) ? error.GetProperty("code").GetString() : null;

    public string? ErrorMessage =>
        Json.TryGetProperty("error", out var error) ? error.GetProperty("message").GetString() : null;

    public static async Task<TestProxyResponse> ReadAsync(Stream output)
    {
        using var document = await JsonDocument.ParseAsync(output);
        var root = document.RootElement;
        root.TryGetProperty("isBase64Encoded", out var base64).Should().BeTrue();
        base64.GetBoolean().Should().BeFalse("the handlers answer JSON text");
        var headers = root.GetProperty("headers").EnumerateObject()
            .ToDictionary(header => header.Name, header => header.Value.GetString()!, StringComparer.OrdinalIgnoreCase);
        return new TestProxyResponse(
            root.GetProperty("statusCode").GetInt32(), headers, root.GetProperty("body").GetString() ?? string.Empty);
    }
}
