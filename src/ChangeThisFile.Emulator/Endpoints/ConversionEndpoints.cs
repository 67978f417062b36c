using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using ChangeThisFile.Emulator.Api;
using ChangeThisFile.Emulator.Conversion;
using ChangeThisFile.Emulator.Http;
using ChangeThisFile.Emulator.Idempotency;
using ChangeThisFile.Emulator.Jobs;
using ChangeThisFile.Emulator.Requests;

namespace ChangeThisFile.Emulator.Endpoints;

/// <summary>
/// <c>POST /v1/convert</c> and <c>POST /v1/jobs</c>: read the request, apply the
/// <c>Idempotency-Key</c>, check the route and quota, then convert or queue a job.
/// </summary>
internal sealed class ConversionEndpoints(
    EmulatorContext context, ConversionRequestReader reader, ConversionEngine engine, JobWorker worker)
{
    public Task ConvertAsync(HttpContext http) => RunIdempotentAsync(http, ConvertCoreAsync);

    public Task SubmitAsync(HttpContext http) => RunIdempotentAsync(http, SubmitCoreAsync);

    private async Task RunIdempotentAsync(
        HttpContext http, Func<HttpContext, ConversionRequest, Task<StoredResponse>> handle)
    {
        var (reserved, completed) = ClaimKey(http);
        try
        {
            using var request = await reader.ReadAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
            if (completed is not null)
            {
                await ReplayAsync(http, completed, request).ConfigureAwait(false);
                return;
            }

            var response = await handle(http, request).ConfigureAwait(false);
            var kept = reserved is not null && response.IsSuccess;
            if (kept)
            {
                context.Idempotency.Complete(reserved!, request.Hash, response);
                reserved = null;
            }

            await SendAsync(http, response, kept).ConfigureAwait(false);
        }
        finally
        {
            if (reserved is not null)
            {
                context.Idempotency.Release(reserved);
            }
        }
    }

    // Returns the entry this request owns (a new key) or the one it may replay (a used key).
    private (IdempotencyEntry? Reserved, IdempotencyEntry? Completed) ClaimKey(HttpContext http)
    {
        if (IdempotencyStore.ReadKey(http.Request) is not { } key)
        {
            return (null, null);
        }

        var (kind, entry) = context.Idempotency.Claim(http.GetCaller().Account.Id, key);
        return kind switch
        {
            IdempotencyClaimKind.InFlight => throw ApiErrors.IdempotencyInFlight(),
            IdempotencyClaimKind.Reserved => (entry, null),
            _ => (null, entry),
        };
    }

    private static Task ReplayAsync(HttpContext http, IdempotencyEntry completed, ConversionRequest request) =>
        CryptographicOperations.FixedTimeEquals(completed.RequestHash, request.Hash)
            ? completed.Response!.WriteAsync(http, replayed: true)
            : throw ApiErrors.IdempotencyMismatch();

    private static async Task SendAsync(HttpContext http, StoredResponse response, bool kept)
    {
        try
        {
            await response.WriteAsync(http, replayed: false).ConfigureAwait(false);
        }
        finally
        {
            if (!kept)
            {
                response.DeleteFile();
            }
        }
    }

    private async Task<StoredResponse> ConvertCoreAsync(HttpContext http, ConversionRequest request)
    {
        var spec = ConversionSpec.Parse(request, forJob: false, context.Options.AllowRemoteUrls);
        var file = request.File!;
        var source = await ResolveSourceAsync(spec, file, http.RequestAborted).ConfigureAwait(false);
        var account = http.GetCaller().Account;
        context.Accounts.Charge(account);

        var outputPath = context.TempFiles.NewPath("result");
        ConversionOutput output;
        try
        {
            var title = Path.GetFileNameWithoutExtension(spec.ResultFileName);
            var work = new ConversionWork(file.Path, source, spec.Target, spec.Quality, title, outputPath);
            output = await engine.ConvertAsync(work, http.RequestAborted).ConfigureAwait(false);
        }
        catch (ConversionFailedException ex)
        {
            context.Accounts.Refund(account);
            throw ApiErrors.ConversionFailed(ex.Message);
        }
        catch
        {
            context.Accounts.Refund(account);
            throw;
        }

        KeyValuePair<string, string>[] headers =
        [
            new("Content-Disposition", ContentDispositions.Attachment(spec.ResultFileName)),
            new("X-Conversion-Time", output.DurationMilliseconds.ToString(CultureInfo.InvariantCulture) + "ms"),
        ];
        var mediaType = FormatNames.MediaTypeOf(spec.Target);
        return StoredResponse.FromFile(StatusCodes.Status200OK, mediaType, outputPath, headers);
    }

    private async Task<StoredResponse> SubmitCoreAsync(HttpContext http, ConversionRequest request)
    {
        var spec = ConversionSpec.Parse(request, forJob: true, context.Options.AllowRemoteUrls);
        var source = request.File is { } upload
            ? await ResolveSourceAsync(spec, upload, http.RequestAborted).ConfigureAwait(false)
            : CheckKnownRoute(spec);
        var caller = http.GetCaller();
        context.Accounts.Charge(caller.Account);

        var file = request.TakeFile();
        var job = context.Jobs.Create(new JobDraft
        {
            Account = caller.Account,
            BaseUrl = http.GetBaseUrl(),
            SourceFormat = source,
            TargetFormat = spec.Target,
            ResultFileName = spec.ResultFileName,
            Quality = spec.Quality,
            WebhookUrl = spec.WebhookUrl,
            Metadata = spec.Metadata,
            InputFileName = spec.InputFileName,
            InputPath = file?.Path,
            InputSize = file?.Size ?? 0,
            FileUrl = spec.FileUrl,
            IdempotencyKey = IdempotencyStore.ReadKey(http.Request),
        });
        worker.Enqueue(job);

        var statusUrl = http.GetBaseUrl() + "/v1/jobs/" + job.Id;
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new JobCreatedResponse(job.Id, JobRecord.Queued, statusUrl), EmulatorJson.Context.JobCreatedResponse);
        KeyValuePair<string, string>[] headers = [new("Location", statusUrl)];
        return StoredResponse.FromBytes(StatusCodes.Status202Accepted, ResponseWriter.JsonContentType, body, headers);
    }

    private static async Task<string> ResolveSourceAsync(
        ConversionSpec spec, UploadedFile file, CancellationToken cancellationToken)
    {
        var source = spec.Source ?? await FormatNames.SniffFileAsync(file.Path, cancellationToken).ConfigureAwait(false)
            ?? throw ApiErrors.BadRequest(
                "The source format could not be detected from the file name or content; send the 'source' field.");
        return EmulatorRoutes.IsSupported(source, spec.Target)
            ? source
            : throw ApiErrors.UnsupportedRoute(source, spec.Target);
    }

    // A file_url job may not know its source until the file is fetched; the worker checks it then.
    private static string? CheckKnownRoute(ConversionSpec spec) =>
        spec.Source is null || EmulatorRoutes.IsSupported(spec.Source, spec.Target)
            ? spec.Source
            : throw ApiErrors.UnsupportedRoute(spec.Source, spec.Target);
}
