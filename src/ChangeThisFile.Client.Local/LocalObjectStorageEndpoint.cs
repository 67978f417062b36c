using System.Globalization;
using ChangeThisFile.Client.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Client.Local;

/// <summary>
/// The request handlers behind <see cref="LocalObjectStorageEndpointExtensions.MapLocalObjectStorage"/>.
/// A rejection returns 403 (bad signature, expired, wrong method or <c>Content-Type</c>), 413 (too large),
/// 404 (no object) or 400 (invalid key) with a plain-text reason. The query string is never logged.
/// </summary>
internal static partial class LocalObjectStorageEndpoint
{
    public static async Task UploadAsync(HttpContext context)
    {
        var storage = context.RequestServices.GetRequiredService<LocalObjectStorage>();
        if (await AuthorizeAsync(context, storage, "PUT").ConfigureAwait(false) is not { } grant)
        {
            return;
        }

        var sent = context.Request.ContentType;
        if (grant.ContentType is not null &&
            !string.Equals(sent, grant.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            await RejectAsync(
                context, storage, grant.Key, StatusCodes.Status403Forbidden,
                $"The Content-Type '{sent}' does not match the signed '{grant.ContentType}'. " +
                "Send the headers listed in the presigned request.").ConfigureAwait(false);
            return;
        }

        if (grant.MaxSizeBytes is { } max && context.Request.ContentLength > max)
        {
            await RejectTooLargeAsync(context, storage, grant.Key, max).ConfigureAwait(false);
            return;
        }

        // The signature allows this upload, so lift the server's default body limit; the signed one applies.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        try
        {
            await storage.WriteCoreAsync(
                grant.Key, context.Request.Body, sent, grant.MaxSizeBytes, context.RequestAborted)
                .ConfigureAwait(false);
        }
        catch (LocalUploadTooLargeException e)
        {
            await RejectTooLargeAsync(context, storage, grant.Key, e.MaxSizeBytes).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    public static async Task DownloadAsync(HttpContext context)
    {
        var storage = context.RequestServices.GetRequiredService<LocalObjectStorage>();
        if (await AuthorizeAsync(context, storage, "GET").ConfigureAwait(false) is not { } grant)
        {
            return;
        }

        Stream content;
        string contentType;
        try
        {
            (content, contentType) = await storage.OpenCoreAsync(grant.Key, context.RequestAborted)
                .ConfigureAwait(false);
        }
        catch (ObjectNotFoundException)
        {
            await RejectAsync(
                context, storage, grant.Key, StatusCodes.Status404NotFound, "No object exists with this key.")
                .ConfigureAwait(false);
            return;
        }

        await using (content.ConfigureAwait(false))
        {
            context.Response.ContentType = contentType;
            context.Response.ContentLength = content.Length;
            if (grant.FileName is not null)
            {
                context.Response.Headers.ContentDisposition = ContentDispositionHeader.Attachment(grant.FileName);
            }

            await content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static async Task<LocalGrant?> AuthorizeAsync(
        HttpContext context, LocalObjectStorage storage, string method)
    {
        var key = context.Request.RouteValues["key"] as string ?? string.Empty;
        if (!ObjectKey.TryValidate(key, out var error))
        {
            await RejectAsync(context, storage, null, StatusCodes.Status400BadRequest, error!).ConfigureAwait(false);
            return null;
        }

        var query = context.Request.Query;
        var grant = new LocalGrant(
            method,
            key,
            long.TryParse(
                query[LocalUrlSigner.ExpiresParameter], NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                ? ms : -1,
            Optional(query, LocalUrlSigner.ContentTypeParameter),
            long.TryParse(
                query[LocalUrlSigner.MaxSizeParameter], NumberStyles.None, CultureInfo.InvariantCulture, out var max)
                ? max : null,
            Optional(query, LocalUrlSigner.FileNameParameter));
        if (grant.ExpiresUnixMs < 0 || !storage.Signer.Verify(grant, query[LocalUrlSigner.SignatureParameter]))
        {
            await RejectAsync(
                context, storage, key, StatusCodes.Status403Forbidden,
                $"The signature does not match this {method} request. Use the presigned URL exactly as issued.")
                .ConfigureAwait(false);
            return null;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds(grant.ExpiresUnixMs);
        if (storage.TimeProvider.GetUtcNow() >= expiresAt)
        {
            await RejectAsync(
                context, storage, key, StatusCodes.Status403Forbidden,
                $"The presigned URL expired at {expiresAt:O}. Request a new one.").ConfigureAwait(false);
            return null;
        }

        return grant;
    }

    private static string? Optional(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) ? values.ToString() : null;

    private static Task RejectTooLargeAsync(HttpContext context, LocalObjectStorage storage, string key, long max) =>
        RejectAsync(
            context, storage, key, StatusCodes.Status413PayloadTooLarge,
            $"The upload exceeds the signed limit of {max} bytes.");

    private static async Task RejectAsync(
        HttpContext context, LocalObjectStorage storage, string? key, int status, string reason)
    {
        Log.Rejected(storage.Logger, context.Request.Method, key ?? Log.None, status, reason);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(reason, context.RequestAborted).ConfigureAwait(false);
    }

    private static partial class Log
    {
        /// <summary>The text logged in place of a missing key, instead of the formatter's "(null)".</summary>
        public const string None = "none";

        [LoggerMessage(10, LogLevel.Information, "Rejected local storage {Method} of {Key} with {Status}: {Reason}")]
        public static partial void Rejected(ILogger logger, string method, string key, int status, string reason);
    }
}
