using System.Text;

namespace ChangeThisFile.Client.Testing.Storage;

public abstract partial class ConversionRecordStoreContractTests
{
    private static readonly DateTimeOffset Received = new(2026, 12, 4, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ListUnmatched_Empty_ReturnsEmpty()
    {
        (await Store.ListUnmatchedEventsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task AddUnmatched_Event_ListsEveryField()
    {
        var kept = new UnmatchedEvent(
            "evt-1",
            "job.completed",
            "job_x",
            "file ✓/1",
            Received.AddTicks(1234567),
            "{\"event\":\"job.completed\",\"ü\":1}",
            "no record has the metadata file_id");

        await Store.AddUnmatchedEventAsync(kept);

        (await Store.ListUnmatchedEventsAsync()).Should().ContainSingle().Which.Should().Be(kept);
    }

    public static TheoryData<string?> Reasons() =>
    [
        null,
        "",
        "the result URL https://results.example.test/out/1.pdf was rejected (NonPublicAddress)",
        "Grund: Ergebnis abgelehnt ✓ 😀",
        string.Concat(Enumerable.Repeat("é✓", UnmatchedEventValidator.MaxReasonLength / 2)),
    ];

    [Theory]
    [MemberData(nameof(Reasons))]
    public async Task AddUnmatched_Reason_RoundTrips(string? reason)
    {
        var kept = new UnmatchedEvent("evt-reason", "job.completed", "job_r", null, Received, "{}", reason);

        await Store.AddUnmatchedEventAsync(kept);

        (await Store.ListUnmatchedEventsAsync()).Should().ContainSingle().Which.Reason.Should().Be(reason);
    }

    [Fact]
    public async Task AddUnmatched_ReasonTooLong_ThrowsNamingReason()
    {
        var reason = new string('r', UnmatchedEventValidator.MaxReasonLength + 1);
        var kept = new UnmatchedEvent("evt-long", "job.completed", null, null, Received, "{}", reason);

        var act = () => Store.AddUnmatchedEventAsync(kept);

        var thrown = await act.Should().ThrowAsync<ArgumentException>();
        thrown.Which.ParamName.Should().Be("unmatchedEvent.Reason");
        thrown.WithMessage($"*{UnmatchedEventValidator.MaxReasonLength + 1} characters*maximum*");
        (await Store.ListUnmatchedEventsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task AddUnmatched_NullIds_RoundTrip()
    {
        var kept = new UnmatchedEvent("evt-null", "", null, null, Received, "");

        await Store.AddUnmatchedEventAsync(kept);

        (await Store.ListUnmatchedEventsAsync()).Should().ContainSingle().Which.Should().Be(kept);
    }

    [Fact]
    public async Task ListUnmatched_SeveralEvents_NewestFirstWithinLimit()
    {
        foreach (var minutes in new[] { 5, 1, 9, 3, 7 })
        {
            await Store.AddUnmatchedEventAsync(
                new UnmatchedEvent($"evt-{minutes}", "job.failed", null, null, Received.AddMinutes(minutes), "{}"));
        }

        var listed = await Store.ListUnmatchedEventsAsync(limit: 3);

        listed.Select(e => e.Id).Should().Equal("evt-9", "evt-7", "evt-5");
    }

    [Fact]
    public async Task AddUnmatched_SameEventTwice_KeepsOne()
    {
        var kept = new UnmatchedEvent("evt-dup", "job.completed", "job_d", null, Received, "{}");

        await Store.AddUnmatchedEventAsync(kept);
        await Store.AddUnmatchedEventAsync(kept);

        (await Store.ListUnmatchedEventsAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task AddUnmatched_LargePayload_RoundTrips()
    {
        var payload = new StringBuilder("{\"data\":\"");
        while (payload.Length < 100_000)
        {
            payload.Append("Résumé ✓ 😀 ");
        }

        var kept = new UnmatchedEvent(
            "evt-large", "job.completed", null, null, Received, payload.Append("\"}").ToString());

        await Store.AddUnmatchedEventAsync(kept);

        (await Store.ListUnmatchedEventsAsync()).Should().ContainSingle().Which.Payload.Should().Be(kept.Payload);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(UnmatchedEventValidator.MaxListLimit + 1)]
    public async Task ListUnmatched_LimitOutOfRange_Throws(int limit)
    {
        var act = () => Store.ListUnmatchedEventsAsync(limit);

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task AddUnmatched_EmptyId_ThrowsNamingId()
    {
        var unnamed = new UnmatchedEvent("", "job.completed", null, null, Received, "{}");

        var act = () => Store.AddUnmatchedEventAsync(unnamed);

        (await act.Should().ThrowAsync<ArgumentException>()).WithMessage("*empty*");
    }
}
