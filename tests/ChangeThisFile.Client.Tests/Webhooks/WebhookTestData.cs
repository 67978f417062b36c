using System.Text;
using System.Text.Json;

namespace ChangeThisFile.Client.Tests.Webhooks;

/// <summary>
/// Reads the field cases and signature vectors copied next to the tests (Webhooks/Payloads),
/// so tests never depend on files outside the repository.
/// </summary>
public static class WebhookTestData
{
    private static readonly Lazy<JsonElement> CasesRoot = new(() => Load("webhook-cases.json"));
    private static readonly Lazy<JsonElement> VectorsRoot = new(() => Load("webhook-signature-vectors.json"));

    public static string CaseSecret => CasesRoot.Value.GetProperty("secret").GetString()!;

    public static string CaseOldSecret => CasesRoot.Value.GetProperty("old_secret").GetString()!;

    public static DateTimeOffset CaseNow =>
        DateTimeOffset.FromUnixTimeSeconds(CasesRoot.Value.GetProperty("now_unix").GetInt64());

    public static string VectorSecret => VectorsRoot.Value.GetProperty("secret").GetString()!;

    public static string VectorSecretSha256Hex => VectorsRoot.Value.GetProperty("secret_sha256_hex").GetString()!;

    public static IReadOnlyList<WebhookCase> Cases { get; } = LoadCases();

    public static IReadOnlyList<SignatureVector> Vectors { get; } = LoadVectors();

    public static TheoryData<string> CaseIds(params string[] expectations)
    {
        var data = new TheoryData<string>();
        foreach (var item in Cases.Where(c => expectations.Length == 0 || expectations.Contains(c.Expect)))
        {
            data.Add(item.Id);
        }

        return data;
    }

    public static TheoryData<string> VectorNames()
    {
        var data = new TheoryData<string>();
        foreach (var vector in Vectors)
        {
            data.Add(vector.Name);
        }

        return data;
    }

    public static WebhookCase Case(string id) => Cases.Single(c => c.Id == id);

    public static SignatureVector Vector(string name) => Vectors.Single(v => v.Name == name);

    public static byte[] CaseBody(string bodyId) =>
        Convert.FromBase64String(CasesRoot.Value.GetProperty("bodies_base64").GetProperty(bodyId).GetString()!);

    public static byte[] PayloadBytes(string fileName) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Webhooks", "Payloads", fileName));

    private static JsonElement Load(string fileName)
    {
        using var document = JsonDocument.Parse(PayloadBytes(fileName));
        return document.RootElement.Clone();
    }

    private static List<WebhookCase> LoadCases() =>
        CasesRoot.Value.GetProperty("cases").EnumerateArray()
            .Select(c => new WebhookCase(
                c.GetProperty("id").GetString()!,
                CaseBody(c.GetProperty("body").GetString()!),
                c.GetProperty("header").GetString()!,
                c.GetProperty("secrets").EnumerateArray().Select(s => s.GetString()!).ToArray(),
                c.GetProperty("expect").GetString()!))
            .ToList();

    private static List<SignatureVector> LoadVectors() =>
        VectorsRoot.Value.GetProperty("vectors").EnumerateArray()
            .Select(v => new SignatureVector(
                v.GetProperty("name").GetString()!,
                v.GetProperty("scheme").GetString()!,
                v.TryGetProperty("timestamp", out var t) ? t.GetInt64() : null,
                Encoding.UTF8.GetBytes(v.GetProperty("body").GetString()!),
                v.GetProperty("header_X-CTF-Signature").GetString()!,
                v.TryGetProperty("wrong_if_key_is_raw_digest", out var raw) ? raw.GetString() : null,
                v.TryGetProperty("wrong_if_key_is_plain_secret", out var plain) ? plain.GetString() : null))
            .ToList();
}

public sealed record WebhookCase(string Id, byte[] Body, string Header, string[] Secrets, string Expect)
{
    public bool IsLegacy => Expect is "accept-when-legacy-enabled" or "reject-when-legacy-disabled";
}

public sealed record SignatureVector(
    string Name,
    string Scheme,
    long? Timestamp,
    byte[] Body,
    string Header,
    string? WrongIfRawDigestKey,
    string? WrongIfPlainSecretKey)
{
    public DateTimeOffset SignedAt => DateTimeOffset.FromUnixTimeSeconds(Timestamp ?? 0);
}
