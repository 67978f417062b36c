using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using ChangeThisFile.Client.Benchmarks.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeThisFile.Client.Benchmarks.Reporting;

/// <summary>
/// Compares the SDK with hand-written calls in interleaved rounds against the in-process Kestrel
/// server of the request-overhead suite. In each round every variant runs one block of calls, in
/// an order that rotates from round to round, so a change in machine load affects all variants
/// of a round alike. The median of the per-round ratios is therefore far steadier on a shared
/// machine than a ratio of two means taken minutes apart.
/// </summary>
/// <remarks>
/// Three variants locate the SDK's cost: the hand-written calls sent through the SDK's own
/// <see cref="HttpClient"/> (its handler chain without the client code around it), the same with
/// the SDK's request context so that the attempt reads the body into memory, and a plain client
/// whose connections come from a connect callback like the SDK's.
/// </remarks>
internal static class PairedComparison
{
    public static async Task<int> RunAsync(string scenario, int rounds, int callsPerBlock)
    {
        if (scenario.StartsWith("upload-", StringComparison.Ordinal)
            || scenario.StartsWith("download-", StringComparison.Ordinal))
        {
            return await RunTransferAsync(scenario, rounds == 0 ? 12 : rounds);
        }

        rounds = rounds == 0 ? 300 : rounds;
        await using var server = await CannedApiServer.StartAsync();
        var (sdk, services) = Clients.CreateSdk(server.BaseAddress);
        await using var _ = services;
        using var raw = Clients.CreateRaw(server.BaseAddress);
        using var rawDefault = Clients.CreateRaw(server.BaseAddress, Clients.DefaultTimeout);
        using var sdkHttp = services.GetRequiredService<IHttpClientFactory>().CreateClient("ChangeThisFile.Client");
        sdkHttp.BaseAddress = server.BaseAddress;
        using var callback = CreateWithConnectCallback(server.BaseAddress);
        var status = scenario switch
        {
            "status" => true,
            "submit" => false,
            _ => throw new ArgumentException($"Unknown scenario '{scenario}'. Use status, submit, upload-N or download-N with N in MiB."),
        };

        Func<Task> HandWritten(HttpClient client) => status
            ? () => HandWrittenCalls.StatusAsync(client, RequestOverheadBenchmarks.JobId)
            : () => HandWrittenCalls.SubmitAsync(client, RequestOverheadBenchmarks.FileUrl);

        (string Name, Func<Task> Call)[] variants =
        [
            ("hand-written HttpClient, no timeout (baseline)", HandWritten(raw)),
            ("hand-written HttpClient, default 100 s timeout", HandWritten(rawDefault)),
            ("hand-written calls through the SDK's HttpClient", HandWritten(sdkHttp)),
            ("hand-written calls, connect callback", HandWritten(callback)),
            ("hand-written calls through the SDK's HttpClient, buffered", async () =>
            {
                // The same calls with the SDK's request context, so that its attempt reads the body.
                var context = new ChangeThisFile.Client.Http.ConversionRequestContext
                {
                    Operation = "Benchmark", IsIdempotent = true, BufferResponse = true,
                };
                if (status)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, "v1/jobs/" + RequestOverheadBenchmarks.JobId);
                    context.AttachTo(request);
                    using var response = await sdkHttp.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                    response.EnsureSuccessStatusCode();
                    await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync(
                        response.Content, HandWrittenJsonContext.Default.JobStatusBody);
                }
                else
                {
                    await HandWrittenCalls.SubmitAsync(sdkHttp, RequestOverheadBenchmarks.FileUrl, context.AttachTo);
                }
            }),
            ("SDK", status
                ? () => sdk.GetJobAsync(RequestOverheadBenchmarks.JobId)
                : () => sdk.SubmitJobFromUrlAsync(new JobUrlRequest(RequestOverheadBenchmarks.FileUrl, "webp"))),
        ];

        // Enough calls for tiered compilation to reach its optimized code on every path.
        for (var i = 0; i < 3000; i++)
        {
            foreach (var variant in variants)
            {
                await variant.Call();
            }
        }

        var times = variants.Select(_ => new double[rounds]).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var step = 0; step < variants.Length; step++)
            {
                var index = (round + step) % variants.Length;
                times[index][round] = await TimeBlockAsync(variants[index].Call, callsPerBlock);
            }
        }

        var culture = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(culture,
            $"{scenario}: {rounds} rounds of {callsPerBlock} calls per variant; median per call, and the median and middle half of the per-round ratios to the baseline:"));
        for (var i = 0; i < variants.Length; i++)
        {
            var ratios = times[i].Zip(times[0], (ours, theirs) => ours / theirs).ToArray();
            Console.WriteLine(string.Create(culture,
                $"  {variants[i].Name,-50} {Median(times[i]),8:F2} us   {Median(ratios):F3} " +
                $"({Quantile(ratios, 0.25):F3} to {Quantile(ratios, 0.75):F3})"));
        }

        return 0;
    }

    /// <summary>
    /// Compares one upload or download of the given size through the SDK and through a raw
    /// <see cref="HttpClient"/>, one call per side and round, against the canned API in a child
    /// process, and reports the SDK's throughput as a share of the raw client's.
    /// </summary>
    private static async Task<int> RunTransferAsync(string scenario, int rounds)
    {
        var dash = scenario.IndexOf('-', StringComparison.Ordinal);
        if (!int.TryParse(scenario.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var mebibytes)
            || mebibytes <= 0)
        {
            throw new ArgumentException(
                $"The scenario '{scenario}' has no size; use upload-N or download-N with N in MiB, such as upload-256.");
        }

        using var server = ServerProcess.Start();
        var (sdk, services) = Clients.CreateSdk(server.BaseAddress);
        await using var _ = services;
        using var raw = Clients.CreateRaw(server.BaseAddress);
        var upload = scenario.StartsWith("upload-", StringComparison.Ordinal);
        var url = AllocationProfile.FileUrl(server, mebibytes);
        Func<Task> rawCall = upload
            ? () => AllocationProfile.RawUploadAsync(raw, mebibytes)
            : () => AllocationProfile.RawDownloadAsync(raw, url);
        Func<Task> sdkCall = upload
            ? () => sdk.SubmitJobAsync(AllocationProfile.Upload(mebibytes))
            : () => sdk.DownloadAsync(url, new CountingWriteStream());

        await rawCall();
        await sdkCall();
        var shares = new double[rounds];
        var rawTimes = new double[rounds];
        var sdkTimes = new double[rounds];
        for (var round = 0; round < rounds; round++)
        {
            if (round % 2 == 0)
            {
                rawTimes[round] = await TimeBlockAsync(rawCall, 1);
                sdkTimes[round] = await TimeBlockAsync(sdkCall, 1);
            }
            else
            {
                sdkTimes[round] = await TimeBlockAsync(sdkCall, 1);
                rawTimes[round] = await TimeBlockAsync(rawCall, 1);
            }

            // Throughput is bytes over time, so the SDK's share of the raw throughput is the inverse time ratio.
            shares[round] = rawTimes[round] / sdkTimes[round];
        }

        var culture = CultureInfo.InvariantCulture;
        static double MibPerSecond(int mebibytes, double microseconds) => mebibytes / (microseconds / 1e6);
        Console.WriteLine(string.Create(culture,
            $"{scenario}: {rounds} rounds of one call per side; median throughput, and the SDK's throughput as a share of the raw client's per round:"));
        Console.WriteLine(string.Create(culture,
            $"  raw HttpClient   {MibPerSecond(mebibytes, Median(rawTimes)),8:F0} MiB/s"));
        Console.WriteLine(string.Create(culture,
            $"  SDK              {MibPerSecond(mebibytes, Median(sdkTimes)),8:F0} MiB/s   {Median(shares):F3} ({Quantile(shares, 0.25):F3} to {Quantile(shares, 0.75):F3})"));
        return 0;
    }

    private static HttpClient CreateWithConnectCallback(Uri baseAddress) =>
        Clients.CreateRaw(baseAddress, Timeout.InfiniteTimeSpan, new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        });

    private static async Task<double> TimeBlockAsync(Func<Task> call, int calls)
    {
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < calls; i++)
        {
            await call();
        }

        return Stopwatch.GetElapsedTime(started).TotalMicroseconds / calls;
    }

    private static double Median(double[] values) => Quantile(values, 0.5);

    private static double Quantile(double[] values, double quantile)
    {
        var sorted = values.Order().ToArray();
        var position = quantile * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((sorted[above] - sorted[below]) * (position - below));
    }
}
