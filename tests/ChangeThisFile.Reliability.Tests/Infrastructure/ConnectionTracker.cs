using System.Net;
using System.Net.Sockets;

namespace ChangeThisFile.Reliability.Tests.Infrastructure;

/// <summary>
/// Wraps the connect step of the client's own <see cref="SocketsHttpHandler"/> to count the TCP
/// connections its pool opens and keeps open, and to refuse chosen connection attempts the way
/// a closed port does.
/// </summary>
/// <remarks>
/// A connection counts as live until the pool disposes its stream. A response that no caller
/// disposes keeps its connection busy, so the pool opens another: that is how a leak shows.
/// </remarks>
public sealed class ConnectionTracker
{
    private SocketsHttpHandler? _handler;
    private int _opened;
    private int _live;
    private int _refused;
    private int _refuseNext;

    public int Opened => Volatile.Read(ref _opened);

    public int Live => Volatile.Read(ref _live);

    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Makes the next <paramref name="count"/> connection attempts fail as refused; -1 refuses all.</summary>
    public void RefuseNext(int count) => Volatile.Write(ref _refuseNext, count);

    /// <summary>
    /// When set before the first request, how long the pool keeps an idle connection. A short
    /// value lets a test wait for every idle connection to close: a connection still open after
    /// that is held by a response no caller disposed.
    /// </summary>
    public TimeSpan? IdleTimeout { get; init; }

    /// <summary>Installs the tracker around the handler's existing connect callback.</summary>
    public void Attach(HttpMessageHandler handler)
    {
        var sockets = (SocketsHttpHandler)handler;
        _handler = sockets;
        if (IdleTimeout is { } idle)
        {
            sockets.PooledConnectionIdleTimeout = idle;
        }

        var connect = sockets.ConnectCallback
            ?? throw new InvalidOperationException("The client's primary handler has no connect callback to wrap.");
        sockets.ConnectCallback = async (context, cancellationToken) =>
        {
            if (TakeRefusal())
            {
                Interlocked.Increment(ref _refused);
                await ConnectToClosedPortAsync(cancellationToken);
            }

            var stream = await connect(context, cancellationToken);
            Interlocked.Increment(ref _opened);
            Interlocked.Increment(ref _live);
            return new TrackedStream(stream, () => Interlocked.Decrement(ref _live));
        };
    }

    /// <summary>
    /// Disposes the tracked handler, closing its pooled connections now. The client factory
    /// would otherwise keep them until its cleanup notices the handler is unused.
    /// </summary>
    public void CloseConnections() => _handler?.Dispose();

    /// <summary>Waits until at most <paramref name="count"/> connections are live; returns the final count.</summary>
    public Task<int> SettleAsync(int count) => Settle.UntilAtMostAsync(() => Live, count);

    private bool TakeRefusal()
    {
        while (true)
        {
            var remaining = Volatile.Read(ref _refuseNext);
            if (remaining == 0)
            {
                return false;
            }

            if (remaining < 0 || Interlocked.CompareExchange(ref _refuseNext, remaining - 1, remaining) == remaining)
            {
                return true;
            }
        }
    }

    // A real refusal from the kernel: connect to a loopback port that was just released.
    private static async Task ConnectToClosedPortAsync(CancellationToken cancellationToken)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
        throw new InvalidOperationException($"Port {port} accepted a connection although it was just closed.");
    }

    private sealed class TrackedStream(Stream inner, Action onDispose) : Stream
    {
        private int _disposed;

        public override bool CanRead => inner.CanRead;

        public override bool CanSeek => false;

        public override bool CanWrite => inner.CanWrite;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(
            byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public override ValueTask WriteAsync(
            ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.WriteAsync(buffer, offset, count, cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                inner.Dispose();
                onDispose();
            }

            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                await inner.DisposeAsync();
                onDispose();
            }

            await base.DisposeAsync();
        }
    }
}
