using System.Text.Json;

namespace ChangeThisFile.Samples.Lambda.Tests.Infrastructure;

/// <summary>The field cases of webhook signatures, from <c>Cases/webhook-cases.json</c> next to the tests.</summary>
internal sealed class WebhookCases
{
    private static readonly Lazy<WebhookCases> Instance = new(Load);

    private WebhookCases(JsonElement root)
    {
        Now = DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("now_unix").GetInt64());
        Bodies = root.GetProperty("bodies_base64").EnumerateObject()
            .ToDictionary(body => body.Name, body => Convert.FromBase64String(body.Value.GetString()!));
        Cases = root.GetProperty("cases").EnumerateArray()
            .Select(entry => new WebhookCase(
                entry.GetProperty("id").GetString()!,
                entry.GetProperty("body").GetString()!,
                entry.GetProperty("header").GetString()!,
                [.. entry.GetProperty("secrets").EnumerateArray().Select(secret => secret.GetString()!)],
                entry.GetProperty("expect").GetString()!))
            .ToDictionary(entry => entry.Id);
    }

    public static WebhookCases All => Instance.Value;

    /// <summary>The fixed clock the signatures were made at.</summary>
    public DateTimeOffset Now { get; }

    public IReadOnlyDictionary<string, byte[]> Bodies { get; }

    public IReadOnlyDictionary<string, WebhookCase> Cases { get; }

    private static WebhookCases Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Cases", "webhook-cases.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return new WebhookCases(document.RootElement.Clone());
    }
}

internal sealed record WebhookCase(string Id, string Body, string Header, IReadOnlyList<string> Secrets, string Expect)
{
    public bool ShouldAccept => Expect == "accept";
}
