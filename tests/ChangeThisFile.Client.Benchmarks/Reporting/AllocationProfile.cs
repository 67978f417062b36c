using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using ChangeThisFile.Client.Benchmarks.Http;

namespace ChangeThisFile.Client.Benchmarks.Reporting;

/// <summary>
/// Times SDK and hand-written calls (wall clock and the client process's CPU time), then samples
/// their managed allocations by type, from the runtime's
/// <c>GCAllocationTick</c> events (about one event per 100 KB allocated), against the canned
/// API in a child process so that only the client's allocations are counted.
/// </summary>
internal static class AllocationProfile
{
    public static async Task<int> RunAsync(string scenario, int calls)
    {
        using var server = ServerProcess.Start();
        var (client, services) = Clients.CreateSdk(server.BaseAddress);
        await using var _ = services;
        using var raw = Clients.CreateRaw(server.BaseAddress);
        var inMemory = new InMemoryPipelineBenchmarks();
        inMemory.GlobalSetup();
        Func<Task> call = scenario switch
        {
            "status" => () => client.GetJobAsync("3b9e6c1a-7d42-4f0e-9a85-1c2d3e4f5a6b"),
            "submit" => () => client.SubmitJobFromUrlAsync(
                new JobUrlRequest(new Uri("https://files.example.com/in/photo.png"), "webp")),
            "raw-status" => () => HandWrittenCalls.StatusAsync(raw, RequestOverheadBenchmarks.JobId),
            "raw-submit" => () => HandWrittenCalls.SubmitAsync(raw, RequestOverheadBenchmarks.FileUrl),
            "status-in-memory" => inMemory.SdkStatus,
            "submit-in-memory" => inMemory.SdkSubmit,
            "download-16" => () => client.DownloadAsync(FileUrl(server, 16), new CountingWriteStream()),
            "download-1024" => () => client.DownloadAsync(FileUrl(server, 1024), new CountingWriteStream()),
            "raw-download-1024" => () => RawDownloadAsync(raw, FileUrl(server, 1024)),
            "raw-upload-1024" => () => RawUploadAsync(raw, 1024),
            "upload-16" => () => client.SubmitJobAsync(Upload(16)),
            "upload-1024" => () => client.SubmitJobAsync(Upload(1024)),
            _ => throw new ArgumentException(
                $"Unknown scenario '{scenario}'; use status, submit, raw-status, raw-submit,"
                + " status-in-memory, submit-in-memory, download-16, download-1024, raw-download-1024, raw-upload-1024, upload-16 or upload-1024."),
        };

        var warmup = scenario.StartsWith("download", StringComparison.Ordinal)
            || scenario.StartsWith("upload", StringComparison.Ordinal) ? 2 : 200;
        for (var i = 0; i < warmup; i++)
        {
            await call();
        }

        var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            await call();
        }

        var wallPerCall = clock.Elapsed.TotalMicroseconds / calls;
        process.Refresh();
        var cpuPerCall = (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / calls;
        Console.WriteLine($"{scenario}: {wallPerCall:N1} us per call, {cpuPerCall:N1} us client CPU per call");

        using var listener = new AllocationListener();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < calls; i++)
        {
            await call();
        }

        var perCall = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)calls;
        listener.Dispose();
        Console.WriteLine($"{scenario}: {perCall:N0} bytes allocated per call (all threads), {calls} calls");
        foreach (var (type, bytes) in listener.Top(60))
        {
            Console.WriteLine($"{bytes / (double)calls,10:N0} B/call  {type}");
        }

        return 0;
    }

    internal static Uri FileUrl(ServerProcess server, int mebibytes) =>
        new(server.BaseAddress, "files/" + (mebibytes * 1024L * 1024));

    internal static async Task RawDownloadAsync(HttpClient raw, Uri url)
    {
        using var response = await raw.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        await body.CopyToAsync(new CountingWriteStream());
    }

    internal static async Task RawUploadAsync(HttpClient raw, int mebibytes)
    {
        using var content = new StreamContent(new GeneratedReadStream(mebibytes * 1024L * 1024));
        using var response = await raw.PostAsync("v1/jobs", content);
        response.EnsureSuccessStatusCode();
    }

    internal static JobUploadRequest Upload(int mebibytes) =>
        new(UploadContent.FromStream(new GeneratedReadStream(mebibytes * 1024L * 1024), "input.bin"), "webp");

    private sealed class AllocationListener : EventListener
    {
        private const int AllocationTickEventId = 10;
        private readonly ConcurrentDictionary<string, long> _bytes = new();

        public IEnumerable<(string Type, long Bytes)> Top(int count) =>
            _bytes.ToArray().OrderByDescending(pair => pair.Value).Take(count).Select(pair => (pair.Key, pair.Value));

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                // Keyword 0x1 is GC, and the verbose level turns on the allocation ticks.
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventId != AllocationTickEventId || eventData.Payload is null)
            {
                return;
            }

            var names = eventData.PayloadNames!;
            var type = eventData.Payload[names.IndexOf("TypeName")] as string ?? "?";
            // Each tick represents the ~100 KB allocated since the previous one.
            var amount = Convert.ToInt64(eventData.Payload[names.IndexOf("AllocationAmount64")],
                System.Globalization.CultureInfo.InvariantCulture);
            _bytes.AddOrUpdate(type, amount, (_, total) => total + amount);
        }
    }
}
