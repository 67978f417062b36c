namespace ChangeThisFile.Client.Http;

/// <summary>
/// The body of a synchronous conversion, readable until a deadline that starts when the response
/// headers arrive. When the deadline passes, the response is disposed, which aborts a read in
/// progress, and reads throw <see cref="ConversionTimeoutException"/>. A server that stops
/// sending half-way therefore cannot hold the caller forever.
/// </summary>
internal sealed class TimedResultStream : Stream
{
    private readonly Stream _inner;
    private readonly CancellationTokenSource? _deadline;
    private readonly CancellationTokenRegistration _abort;
    private readonly TimeSpan _timeout;

    public TimedResultStream(Stream inner, IDisposable response, TimeSpan timeout, TimeProvider timeProvider)
    {
        _inner = inner;
        _timeout = timeout;
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            _deadline = new CancellationTokenSource(timeout, timeProvider);
            _abort = _deadline.Token.Register(static state => ((IDisposable)state!).Dispose(), response);
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException("The conversion result is read once, from the connection.");

    public override long Position
    {
        get => throw new NotSupportedException("The conversion result is read once, from the connection.");
        set => throw new NotSupportedException("The conversion result is read once, from the connection.");
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ThrowIfExpired();
        try
        {
            return _inner.Read(buffer);
        }
        catch (Exception ex) when (IsExpired && ex is not ConversionTimeoutException)
        {
            throw Expired(ex);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfExpired();
        if (_deadline is null)
        {
            return await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _deadline.Token);
        try
        {
            return await _inner.ReadAsync(buffer, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            // The linked token was cancelled; the caller expects its own token on the exception.
            throw new OperationCanceledException(ex.Message, ex, cancellationToken);
        }
        catch (Exception ex) when (IsExpired && ex is not ConversionTimeoutException)
        {
            throw Expired(ex);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) =>
        throw new NotSupportedException("The conversion result is read once, from the connection.");

    public override void SetLength(long value) =>
        throw new NotSupportedException("The conversion result is read-only.");

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("The conversion result is read-only.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _abort.Dispose();
            _deadline?.Dispose();
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _abort.DisposeAsync().ConfigureAwait(false);
        _deadline?.Dispose();
        await _inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private bool IsExpired => _deadline?.IsCancellationRequested == true;

    private void ThrowIfExpired()
    {
        if (IsExpired)
        {
            throw Expired(null);
        }
    }

    private ConversionTimeoutException Expired(Exception? inner) =>
        new(ConversionTimeoutKind.Download, _timeout, innerException: inner);
}
