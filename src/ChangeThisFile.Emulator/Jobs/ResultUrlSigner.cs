using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChangeThisFile.Emulator.Jobs;

/// <summary>
/// Signs and checks the result download URLs <c>/files/{job_id}/{name}?expires=&amp;signature=</c>:
/// an HMAC-SHA-256, under a key made at start, of the job id and the expiry in Unix seconds.
/// </summary>
internal sealed class ResultUrlSigner(TimeProvider timeProvider, TimeSpan lifetime)
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public string CreateUrl(string baseUrl, string jobId, string fileName)
    {
        var expires = timeProvider.GetUtcNow().Add(lifetime).ToUnixTimeSeconds();
        var signature = Sign(jobId, expires);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{baseUrl}/files/{jobId}/{Uri.EscapeDataString(fileName)}?expires={expires}&signature={signature}");
    }

    /// <summary>Checks a URL's query; returns null when valid, otherwise the reason for a 403.</summary>
    public string? Check(string jobId, string? expires, string? signature)
    {
        if (signature is null
            || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt))
        {
            return "The download URL is missing its expires or signature parameter; use the file_url from the job.";
        }

        var expected = Encoding.ASCII.GetBytes(Sign(jobId, expiresAt));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature)))
        {
            return "The download URL signature is invalid; use the file_url from the job unchanged.";
        }

        return timeProvider.GetUtcNow().ToUnixTimeSeconds() >= expiresAt
            ? "The download URL has expired; fetch the job again for a fresh file_url."
            : null;
    }

    private string Sign(string jobId, long expires) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{jobId}\n{expires}"))));
}
