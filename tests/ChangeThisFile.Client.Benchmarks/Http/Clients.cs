using System.Net.Http.Headers;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeThisFile.Client.Benchmarks.Http;

/// <summary>The two ways the HTTP benchmarks reach <see cref="CannedApiServer"/>.</summary>
internal static class Clients
{
    public const string ApiKey = "ctf_sk_benchmark0000000000000000";

    /// <summary>
    /// Builds the SDK's client the way an application does, through dependency injection with
    /// the default handlers (authentication, timeouts, retries, telemetry).
    /// </summary>
    public static (IConversionClient Client, ServiceProvider Services) CreateSdk(Uri baseAddress)
    {
        var services = new ServiceCollection();
        services.AddConversionClient(options =>
        {
            options.ApiKey = ApiKey;
            options.BaseAddress = baseAddress;
        });
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<IConversionClient>(), provider);
    }

    /// <summary>
    /// Builds a plain <see cref="HttpClient"/> with the headers the SDK sends on every request,
    /// as a hand-written integration would.
    /// </summary>
    public static HttpClient CreateRaw(Uri baseAddress) => CreateRaw(baseAddress, Timeout.InfiniteTimeSpan);

    /// <summary>The timeout of a new <see cref="HttpClient"/>: 100 seconds.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// Builds the same client with a timeout, as a hand-written integration that keeps the default
    /// has, and optionally with another primary handler.
    /// </summary>
    public static HttpClient CreateRaw(Uri baseAddress, TimeSpan timeout, SocketsHttpHandler? handler = null)
    {
        var client = new HttpClient(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = timeout,
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("ChangeThisFile.Client", "0.1.0"));
        return client;
    }
}

/// <summary>The response shapes a hand-written integration would declare.</summary>
internal sealed record JobCreatedBody(
    [property: JsonPropertyName("job_id")] string JobId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("status_url")] string? StatusUrl);

internal sealed record JobResultBody(
    [property: JsonPropertyName("file_url")] string? FileUrl,
    [property: JsonPropertyName("size")] long? Size,
    [property: JsonPropertyName("duration_ms")] long? DurationMs,
    [property: JsonPropertyName("source_format")] string? SourceFormat,
    [property: JsonPropertyName("target_format")] string? TargetFormat);

internal sealed record JobStatusBody(
    [property: JsonPropertyName("job_id")] string JobId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("created_at")] DateTimeOffset? CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset? UpdatedAt,
    [property: JsonPropertyName("source_format")] string? SourceFormat,
    [property: JsonPropertyName("target_format")] string? TargetFormat,
    [property: JsonPropertyName("result")] JobResultBody? Result);

[JsonSerializable(typeof(JobCreatedBody))]
[JsonSerializable(typeof(JobStatusBody))]
internal sealed partial class HandWrittenJsonContext : JsonSerializerContext;
