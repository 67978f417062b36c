using System.Diagnostics;

namespace ChangeThisFile.Reliability.Tests.Soak;

/// <summary>The resources of the process under test at one moment, taken after a full garbage collection.</summary>
/// <param name="Elapsed">The time since the run started.</param>
/// <param name="Completed">Conversions completed by then.</param>
/// <param name="GcHeapBytes">Bytes reachable on the managed heap after a full, blocking collection.</param>
/// <param name="WorkingSetBytes">The process's working set (resident memory).</param>
/// <param name="OpenFileDescriptors">Entries in <c>/proc/self/fd</c>: files, sockets and pipes.</param>
/// <param name="Threads">Threads of the process.</param>
/// <param name="LiveConnections">TCP connections the client's pool has open.</param>
/// <param name="EmulatorResidentBytes">The emulator process's resident memory, for reference only.</param>
public sealed record ResourceSample(
    TimeSpan Elapsed,
    long Completed,
    long GcHeapBytes,
    long WorkingSetBytes,
    int OpenFileDescriptors,
    int Threads,
    int LiveConnections,
    long EmulatorResidentBytes)
{
    public static ResourceSample Take(TimeSpan elapsed, long completed, int liveConnections, long emulatorResidentBytes)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return new ResourceSample(
            elapsed,
            completed,
            heap,
            process.WorkingSet64,
            Directory.EnumerateFileSystemEntries("/proc/self/fd").Count(),
            process.Threads.Count,
            liveConnections,
            emulatorResidentBytes);
    }
}
