using System.Globalization;
using System.Text.Json;
using ChangeThisFile.Client.Diagnostics;
using ChangeThisFile.Client.Serialization;

namespace ChangeThisFile.Client.Http;

/// <summary>
/// One page of <c>GET /v1/jobs</c>, read from any of the shapes the client accepts.
/// </summary>
/// <remarks>
/// The documented shape is <c>{"data":[...],"has_more":bool,"next_cursor":string|null}</c>. Also
/// accepted: a bare JSON array (one page); the array under <c>jobs</c> or <c>items</c>; the cursor
/// under <c>cursor</c> or <c>next</c>, as an opaque cursor or a URL; and an RFC 8288
/// <c>Link: &lt;...&gt;; rel="next"</c> header. <c>has_more: false</c> ends the listing whatever
/// else the page contains. A next page is followed only on the API's own origin.
/// </remarks>
internal sealed class JobListPage
{
    private static readonly string[] ArrayProperties = ["data", "jobs", "items"];
    private static readonly string[] CursorProperties = ["next_cursor", "cursor", "next"];

    private JobListPage(List<ConversionJob> jobs, Uri? next)
    {
        Jobs = jobs;
        Next = next;
    }

    public IReadOnlyList<ConversionJob> Jobs { get; }

    public Uri? Next { get; }

    /// <exception cref="JsonException">The body is not one of the accepted shapes.</exception>
    /// <exception cref="InvalidOperationException">The next page is on another origin.</exception>
    public static JobListPage Parse(byte[] body, HttpResponseMessage response, Uri listUrl, int? pageSize)
    {
        using var document = ParseDocument(body);
        var root = document.RootElement;
        JsonElement items;
        bool? hasMore = null;
        string? cursor = null;
        if (root.ValueKind == JsonValueKind.Array)
        {
            items = root;
        }
        else if (root.ValueKind == JsonValueKind.Object && FindArray(root) is { } array)
        {
            items = array;
            hasMore = root.TryGetProperty("has_more", out var more)
                && more.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? more.GetBoolean()
                    : null;
            cursor = FindCursor(root);
        }
        else
        {
            throw new JsonException(
                "The job list response is neither a JSON array nor an object with a data, jobs or items array.");
        }

        var jobs = new List<ConversionJob>(items.GetArrayLength());
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object
                && item.Deserialize(ConversionClientJsonContext.Default.ConversionJob) is { } job)
            {
                jobs.Add(job);
            }
        }

        var next = hasMore == false ? null : FindNext(cursor, response, listUrl, pageSize);
        if (next is not null && !Origins.AreSame(next, listUrl))
        {
            throw new InvalidOperationException(
                $"The job list's next page {UrlRedaction.Redact(next)} is not on the API's origin " +
                $"{listUrl.GetLeftPart(UriPartial.Authority)}; the client follows pages only there.");
        }

        return new JobListPage(jobs, next);
    }

    private static JsonDocument ParseDocument(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException exception)
        {
            throw new JsonException($"The job list response is not valid JSON: {exception.Message}", exception);
        }
    }

    private static JsonElement? FindArray(JsonElement root)
    {
        foreach (var name in ArrayProperties)
        {
            if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array)
            {
                return value;
            }
        }

        return null;
    }

    private static string? FindCursor(JsonElement root)
    {
        foreach (var name in CursorProperties)
        {
            if (root.TryGetProperty(name, out var value)
                && value.ValueKind == JsonValueKind.String
                && !string.IsNullOrWhiteSpace(value.GetString()))
            {
                return value.GetString();
            }
        }

        return null;
    }

    private static Uri? FindNext(string? cursor, HttpResponseMessage response, Uri listUrl, int? pageSize)
    {
        if (cursor is not null)
        {
            if (cursor.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                || cursor.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                || cursor.StartsWith('/'))
            {
                return new Uri(listUrl, cursor);
            }

            var limit = pageSize is { } size
                ? "limit=" + size.ToString(CultureInfo.InvariantCulture) + "&"
                : string.Empty;
            return new Uri(listUrl, "?" + limit + "cursor=" + Uri.EscapeDataString(cursor));
        }

        var link = LinkHeader.FindNext(response);
        return link is null ? null : new Uri(response.RequestMessage?.RequestUri ?? listUrl, link);
    }
}
