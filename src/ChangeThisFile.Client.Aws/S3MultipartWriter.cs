using System.Buffers;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Client.Aws;

/// <summary>
/// Writes a forward-only stream to S3 with one part buffered at a time: a single <c>PutObject</c> when
/// the content fits in one part, otherwise a multipart upload that is aborted if any step fails.
/// </summary>
internal sealed partial class S3MultipartWriter(IAmazonS3 client, string bucket, int partSizeBytes, ILogger logger)
{
    public async Task WriteAsync(string key, Stream content, string contentType, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(partSizeBytes);
        try
        {
            var length = await FillAsync(content, buffer, cancellationToken).ConfigureAwait(false);
            if (length < partSizeBytes)
            {
                await PutSmallAsync(key, buffer, length, contentType, cancellationToken).ConfigureAwait(false);
                return;
            }

            await UploadPartsAsync(key, content, contentType, buffer, length, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task UploadPartsAsync(
        string key, Stream content, string contentType, byte[] buffer, int length, CancellationToken cancellationToken)
    {
        var started = await client.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest { BucketName = bucket, Key = key, ContentType = contentType },
            cancellationToken).ConfigureAwait(false);
        var parts = new List<PartETag>();
        try
        {
            while (length > 0)
            {
                var part = await client.UploadPartAsync(
                    new UploadPartRequest
                    {
                        BucketName = bucket,
                        Key = key,
                        UploadId = started.UploadId,
                        PartNumber = parts.Count + 1,
                        InputStream = new MemoryStream(buffer, 0, length, writable: false),
                        PartSize = length,
                        UseChunkEncoding = false,
                    },
                    cancellationToken).ConfigureAwait(false);
                parts.Add(new PartETag(parts.Count + 1, part.ETag));
                length = await FillAsync(content, buffer, cancellationToken).ConfigureAwait(false);
            }

            await client.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest
                {
                    BucketName = bucket, Key = key, UploadId = started.UploadId, PartETags = parts,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log.Aborting(logger, e, bucket, key, parts.Count);
            await client.AbortMultipartUploadAsync(
                new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = started.UploadId },
                CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private Task<PutObjectResponse> PutSmallAsync(
        string key, byte[] buffer, int length, string contentType, CancellationToken cancellationToken) =>
        client.PutObjectAsync(
            new PutObjectRequest
            {
                BucketName = bucket,
                Key = key,
                InputStream = new MemoryStream(buffer, 0, length, writable: false),
                ContentType = contentType,
                UseChunkEncoding = false,
            },
            cancellationToken);

    private static async Task<int> FillAsync(Stream content, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        int read;
        while (filled < buffer.Length &&
            (read = await content.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false)) > 0)
        {
            filled += read;
        }

        return filled;
    }

    private static partial class Log
    {
        [LoggerMessage(
            32, LogLevel.Warning, "Aborting the multipart upload of {Key} to S3 bucket {Bucket} after {Parts} parts")]
        public static partial void Aborting(ILogger logger, Exception exception, string bucket, string key, int parts);
    }
}
