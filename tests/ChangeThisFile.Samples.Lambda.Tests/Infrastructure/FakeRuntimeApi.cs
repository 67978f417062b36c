using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Samples.Lambda.Tests.Infrastructure;

/// <summary>
/// The Lambda Runtime API (version 2018-06-01) on Kestrel at 127.0.0.1: hands out queued
/// invocations and records the responses and errors posted back. Once <see cref="Complete"/> is
/// called and the queue is empty, the next-invocation request returns 500, which ends a runtime.
/// </summary>
internal sealed class FakeRuntimeApi : IAsyncDisposable
{
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(30);

    private readonly WebApplication _app;
    private readonly Channel<Invocation> _queue = Channel.CreateUnbounded<Invocation>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<Outcome>> _outcomes = new();
    private readonly TaskCompletionSource<Outcome> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<long> _firstNext = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeRuntimeApi(WebApplication app) => _app = app;

    /// <summary>The value of <c>AWS_LAMBDA_RUNTIME_API</c>, such as <c>127.0.0.1:41234</c>.</summary>
    public string HostAndPort { get; private set; } = string.Empty;

    public static async Task<FakeRuntimeApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var api = new FakeRuntimeApi(builder.Build());
        var runtime = api._app.MapGroup("/2018-06-01/runtime");
        runtime.MapGet("/invocation/next", api.NextAsync);
        runtime.MapPost(
            "/invocation/{id}/response", (HttpContext context, string id) => api.RecordAsync(context, id, false));
        runtime.MapPost(
            "/invocation/{id}/error", (HttpContext context, string id) => api.RecordAsync(context, id, true));
        runtime.MapPost("/init/error", (HttpContext context) => api.RecordAsync(context, null, true));
        await api._app.StartAsync();
        var address = new Uri(api._app.Services.GetRequiredService<IServer>().Features
            .Get<IServerAddressesFeature>()!.Addresses.First());
        api.HostAndPort = $"{address.Host}:{address.Port}";
        return api;
    }

    /// <summary>Queues an invocation and returns its request id.</summary>
    public string Enqueue(byte[] eventJson, DateTimeOffset? deadline = null)
    {
        var requestId = Guid.NewGuid().ToString();
        _outcomes[requestId] = new TaskCompletionSource<Outcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Writer.TryWrite(new Invocation(requestId, eventJson, deadline));
        return requestId;
    }

    /// <summary>Lets the next-invocation request fail once the queue is empty.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    public Task<Outcome> OutcomeAsync(string requestId) => _outcomes[requestId].Task.WaitAsync(WaitTimeout);

    public Task<Outcome> InitErrorAsync() => _initError.Task.WaitAsync(WaitTimeout);

    public bool HasInitError => _initError.Task.IsCompleted;

    /// <summary>The <see cref="Stopwatch"/> timestamp of the first next-invocation request.</summary>
    public Task<long> FirstNextAsync() => _firstNext.Task.WaitAsync(WaitTimeout);

    public async ValueTask DisposeAsync()
    {
        Complete();
        await _app.DisposeAsync();
    }

    private async Task NextAsync(HttpContext context)
    {
        _firstNext.TrySetResult(Stopwatch.GetTimestamp());
        if (!await _queue.Reader.WaitToReadAsync(context.RequestAborted) || !_queue.Reader.TryRead(out var invocation))
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        context.Response.Headers["Lambda-Runtime-Aws-Request-Id"] = invocation.RequestId;
        context.Response.Headers["Lambda-Runtime-Invoked-Function-Arn"] =
            "arn:aws:lambda:us-east-1:123456789012:function:test";
        context.Response.Headers["Lambda-Runtime-Trace-Id"] = "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1";
        if (invocation.Deadline is { } deadline)
        {
            context.Response.Headers["Lambda-Runtime-Deadline-Ms"] =
                deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(invocation.Event, context.RequestAborted);
    }

    private async Task RecordAsync(HttpContext context, string? requestId, bool isError)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var outcome = new Outcome(
            isError, context.Request.Headers["Lambda-Runtime-Function-Error-Type"].ToString(), body.ToArray());
        var target = requestId is null ? _initError
            : _outcomes.TryGetValue(requestId, out var known) ? known
            : null;
        if (target is null || !target.TrySetResult(outcome))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        context.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    private sealed record Invocation(string RequestId, byte[] Event, DateTimeOffset? Deadline);

    /// <summary>What the runtime posted for an invocation: a response, or an error with its type.</summary>
    public sealed record Outcome(bool IsError, string ErrorType, byte[] Body)
    {
        public async Task<TestProxyResponse> ProxyResponseAsync() =>
            await TestProxyResponse.ReadAsync(new MemoryStream(Body));

        public System.Text.Json.JsonElement Json => System.Text.Json.JsonDocument.Parse(Body).RootElement;
    }
}
