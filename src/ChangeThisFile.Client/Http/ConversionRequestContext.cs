namespace ChangeThisFile.Client.Http;

/// <summary>
/// What the client's handlers need to know about a request, attached through
/// <see cref="HttpRequestMessage.Options"/>.
/// </summary>
internal sealed class ConversionRequestContext
{
    private static readonly HttpRequestOptionsKey<ConversionRequestContext> Key = new("ChangeThisFile.Client.Request");

    /// <summary>The client operation, such as <c>GetJob</c>, for logs, metrics and spans.</summary>
    public required string Operation { get; init; }

    /// <summary>Which timeouts apply.</summary>
    public RequestKind Kind { get; init; }

    /// <summary>Whether the request must not carry the API key even on the API's origin.</summary>
    public bool Anonymous { get; init; }

    /// <summary>
    /// Whether repeating the request is harmless even if the server already processed it: true
    /// for reads and for POSTs that carry an <c>Idempotency-Key</c>.
    /// </summary>
    public bool IsIdempotent { get; init; }

    /// <summary>
    /// Whether the response body is small and read whole inside the attempt, so that the attempt
    /// timeout covers it and a body cut short is retried like any other transient failure.
    /// </summary>
    public bool BufferResponse { get; init; }

    /// <summary>The upload body, when the request has one whose replay must be checked.</summary>
    public IUploadBody? Body { get; init; }

    /// <summary>
    /// When the call's <see cref="ConversionClientOptions.TotalTimeout"/> started, as a timestamp of
    /// the client's <see cref="TimeProvider"/>. Set by <see cref="TotalTimeoutHandler"/>, null when
    /// no total timeout applies, and enforced by <see cref="AttemptTimeoutHandler"/> and
    /// <see cref="RetryGate"/>. Elapsed time is measured, so a change of the wall clock does not move it.
    /// </summary>
    public long? TotalStarted { get; set; }

    /// <summary>The call's <see cref="ConversionClientOptions.TotalTimeout"/>, when <see cref="TotalStarted"/> is set.</summary>
    public TimeSpan TotalTimeout { get; set; }

    /// <summary>Returns the time left before the total timeout expires, or null when none applies.</summary>
    public TimeSpan? TotalRemaining(TimeProvider timeProvider) =>
        TotalStarted is { } started ? TotalTimeout - timeProvider.GetElapsedTime(started) : null;

    /// <summary>The response content that <see cref="ResponseBuffer"/> read into memory, if any.</summary>
    public HttpContent? BufferedContent { get; set; }

    public void AttachTo(HttpRequestMessage request) => request.Options.Set(Key, this);

    /// <summary>
    /// Returns the attached context. A request sent through the named client directly gets one
    /// inferred from its method, attached so that every handler shares its deadline.
    /// </summary>
    public static ConversionRequestContext Of(HttpRequestMessage request)
    {
        if (request.Options.TryGetValue(Key, out var context))
        {
            return context;
        }

        var method = request.Method;
        context = new ConversionRequestContext
        {
            Operation = "Send",
            IsIdempotent = method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options,
        };
        context.AttachTo(request);
        return context;
    }
}
