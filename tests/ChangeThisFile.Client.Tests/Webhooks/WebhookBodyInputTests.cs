using System.Buffers;
using System.Text;
using ChangeThisFile.Client.Webhooks;

namespace ChangeThisFile.Client.Tests.Webhooks;

/// <summary>Body size caps, segmented input and allocation on the span path.</summary>
public sealed class WebhookBodyInputTests
{
    private const string Secret = "whsec_body_input_73f0";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600);

    [Fact]
    public void Verify_BodyOverCap_ReturnsBodyTooLarge()
    {
        var body = new byte[1025];
        var verifier = WebhookVerifierFactory.Create([Secret], Now, maxBodySize: 1024);

        var result = verifier.Verify(body, WebhookSigner.CreateSignatureHeader(Secret, body, Now));

        result.Status.Should().Be(WebhookVerificationStatus.BodyTooLarge);
    }

    [Fact]
    public void Verify_BodyAtCap_Accepts()
    {
        var body = new byte[1024];
        var verifier = WebhookVerifierFactory.Create([Secret], Now, maxBodySize: 1024);

        var result = verifier.Verify(body, WebhookSigner.CreateSignatureHeader(Secret, body, Now));

        result.Status.Should().Be(WebhookVerificationStatus.Valid);
    }

    [Fact]
    public void Verify_StringOverCapInUtf8Bytes_ReturnsBodyTooLarge()
    {
        var body = new string('é', 600);
        var verifier = WebhookVerifierFactory.Create([Secret], Now, maxBodySize: 1024);

        var result = verifier.Verify(body, WebhookSigner.CreateSignatureHeader(Secret, body, Now));

        result.Status.Should().Be(WebhookVerificationStatus.BodyTooLarge);
    }

    [Fact]
    public async Task VerifyAsync_EndlessStream_StopsAtCap()
    {
        var stream = new EndlessStream();
        var verifier = WebhookVerifierFactory.Create([Secret], Now, maxBodySize: 64 * 1024);

        var result = await verifier.VerifyAsync(stream, WebhookSigner.CreateSignatureHeader(Secret, "x", Now));

        result.Status.Should().Be(WebhookVerificationStatus.BodyTooLarge);
        stream.BytesRead.Should().BeLessThan(64 * 1024 * 2);
    }

    [Fact]
    public async Task VerifyAsync_MalformedHeader_DoesNotReadBody()
    {
        var stream = new EndlessStream();
        var verifier = WebhookVerifierFactory.Create([Secret], Now);

        var result = await verifier.VerifyAsync(stream, "t=1,t=2,v1=00");

        result.Status.Should().Be(WebhookVerificationStatus.MalformedHeader);
        stream.BytesRead.Should().Be(0);
    }

    [Fact]
    public async Task VerifyAsync_LargeBodyInManyChunks_Accepts()
    {
        var body = Enumerable.Range(0, 200_000).Select(i => (byte)i).ToArray();
        var verifier = WebhookVerifierFactory.Create([Secret, "whsec_other"], Now);

        var header = WebhookSigner.CreateSignatureHeader(Secret, body, Now);

        var result = await verifier.VerifyAsync(new MemoryStream(body), header);

        result.Status.Should().Be(WebhookVerificationStatus.Valid);
    }

    [Fact]
    public void Verify_SegmentedSequence_Accepts()
    {
        var body = Encoding.UTF8.GetBytes("{\"event\":\"job.completed\",\"data\":{\"job_id\":\"j-1\"}}");
        var sequence = Segments(body, 7);
        var verifier = WebhookVerifierFactory.Create([Secret], Now);

        var result = verifier.Verify(sequence, WebhookSigner.CreateSignatureHeader(Secret, body, Now));

        sequence.IsSingleSegment.Should().BeFalse();
        result.Status.Should().Be(WebhookVerificationStatus.Valid);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(100_000)]
    public void Verify_WarmSpanPath_AllocatesNothing(int bodySize)
    {
        var body = new byte[bodySize];
        var header = WebhookSigner.CreateSignatureHeader(Secret, body, Now);
        var verifier = WebhookVerifierFactory.Create([Secret], Now);
        verifier.Verify(body, header);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = verifier.Verify(body.AsSpan(), header);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        result.IsValid.Should().BeTrue();
        allocated.Should().Be(0);
    }

    private static ReadOnlySequence<byte> Segments(byte[] body, int size)
    {
        Segment? first = null;
        Segment? last = null;
        for (var offset = 0; offset < body.Length; offset += size)
        {
            var memory = body.AsMemory(offset, Math.Min(size, body.Length - offset));
            last = last is null ? first = new Segment(memory, 0) : last.Append(memory);
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }

    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'x');
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
