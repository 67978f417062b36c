using System.Text.Json;
using ChangeThisFile.Client.Serialization;

namespace ChangeThisFile.Client.Tests.Models;

/// <summary>
/// Job timestamps in every form the API or a proxy might send: ISO 8601 with any offset, without
/// one (read as UTC), escaped, as Unix seconds, or unreadable, which becomes null and fails nothing.
/// </summary>
public sealed class TimestampReadingTests
{
    [Theory]
    [InlineData("\"2026-03-01T10:15:30Z\"", "2026-03-01T10:15:30+00:00")]
    [InlineData("\"2026-03-01T10:15:30.125Z\"", "2026-03-01T10:15:30.125+00:00")]
    [InlineData("\"2026-03-01T10:15:30z\"", "2026-03-01T10:15:30+00:00")]
    [InlineData("\"2026-03-01T12:15:30+02:00\"", "2026-03-01T10:15:30+00:00")]
    [InlineData("\"2026-03-01T05:15:30-05:00\"", "2026-03-01T10:15:30+00:00")]
    [InlineData("\"2026-03-01T10:15:30\"", "2026-03-01T10:15:30+00:00")]
    [InlineData("\"2026-03-01 10:15:30\"", "2026-03-01T10:15:30+00:00")]
    [InlineData("\"\\u0032026-03-01T10:15:30Z\"", "2026-03-01T10:15:30+00:00")]
    [InlineData("1772360130", "2026-03-01T10:15:30+00:00")]
    [InlineData("\"2026-03-01T10:15:30.1234567Z\"", "2026-03-01T10:15:30.1234567+00:00")]
    [InlineData("\"2026-03-01T10:15:30.99999999Z\"", "2026-03-01T10:15:31+00:00")]
    [InlineData("\"2026-03-01T10:15:30.12345678+00:00\"", "2026-03-01T10:15:30.1234568+00:00")]
    public void Timestamp_IsReadAsTheSameInstant(string json, string expected)
    {
        var job = Parse(json);

        job.CreatedAt.Should().Be(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("\"yesterday\"")]
    [InlineData("\"2026-13-45T99:00:00Z\"")]
    [InlineData("-5")]
    [InlineData("true")]
    [InlineData("{\"at\":1}")]
    [InlineData("null")]
    public void UnreadableTimestamp_BecomesNull(string json)
    {
        var job = Parse(json);

        job.CreatedAt.Should().BeNull();
        job.JobId.Should().Be("job-1", "the rest of the job is still read");
    }

    private static ConversionJob Parse(string createdAt) =>
        JsonSerializer.Deserialize(
            $$"""{"job_id":"job-1","status":"queued","created_at":{{createdAt}}}""",
            ConversionClientJsonContext.Default.ConversionJob)!;
}
