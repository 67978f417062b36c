namespace ChangeThisFile.Client.Testing.Storage;

public abstract partial class ConversionRecordStoreContractTests
{
    [Fact]
    public async Task Update_CurrentVersion_StoresChangesWithNewVersion()
    {
        var created = await Store.CreateAsync(NewRecord());
        var changed = created with
        {
            Status = RecordStatus.Done,
            OutputKey = "results/out.pdf",
            OutputSize = 1234,
            Metadata = new Dictionary<string, string> { ["step"] = "done" },
            UpdatedAt = created.UpdatedAt.AddSeconds(5),
        };

        var updated = await Store.UpdateAsync(changed);
        var read = await Store.GetAsync(created.FileId);

        updated.Version.Should().NotBeNullOrEmpty().And.NotBe(created.Version);
        read.Should().BeEquivalentTo(changed, o => o.Excluding(r => r.Version));
        read!.Version.Should().Be(updated.Version);
    }

    [Fact]
    public async Task Update_StaleVersion_ThrowsConflictAndKeepsStored()
    {
        var created = await Store.CreateAsync(NewRecord());
        await Store.UpdateAsync(created with { Status = RecordStatus.Processing });

        var act = () => Store.UpdateAsync(created with { Status = RecordStatus.Failed });

        (await act.Should().ThrowAsync<RecordConflictException>()).Which.FileId.Should().Be(created.FileId);
        (await Store.GetAsync(created.FileId))!.Status.Should().Be(RecordStatus.Processing);
    }

    [Fact]
    public async Task Update_MissingRecord_ThrowsConflict()
    {
        var act = () => Store.UpdateAsync(NewRecord() with { Version = "1" });

        await act.Should().ThrowAsync<RecordConflictException>();
    }

    [Fact]
    public async Task Update_WithoutVersion_ThrowsNamingVersion()
    {
        var created = await Store.CreateAsync(NewRecord());

        var act = () => Store.UpdateAsync(created with { Version = null });

        (await act.Should().ThrowAsync<ArgumentException>()).WithMessage("*Version*");
    }

    [Fact]
    public async Task Update_ForeignVersion_ThrowsConflict()
    {
        var created = await Store.CreateAsync(NewRecord());

        var act = () => Store.UpdateAsync(created with { Version = "W/\"not-from-this-store\"" });

        await act.Should().ThrowAsync<RecordConflictException>();
    }

    [Fact]
    public async Task Update_ConcurrentWithSameVersion_ExactlyOneWins()
    {
        const int Writers = 8;
        var created = await Store.CreateAsync(NewRecord());

        var attempts = Enumerable.Range(0, Writers).Select(async i =>
        {
            try
            {
                await Store.UpdateAsync(created with { ErrorMessage = $"writer {i}" });
                return $"writer {i}";
            }
            catch (RecordConflictException)
            {
                return null;
            }
        });
        var winners = (await Task.WhenAll(attempts)).OfType<string>().ToArray();

        winners.Should().ContainSingle();
        (await Store.GetAsync(created.FileId))!.ErrorMessage.Should().Be(winners[0]);
    }

    [Fact]
    public async Task Update_ChainOfUpdates_EachNeedsLatestVersion()
    {
        var current = await Store.CreateAsync(NewRecord());

        for (var i = 0; i < 5; i++)
        {
            current = await Store.UpdateAsync(current with { ErrorMessage = $"step {i}" });
        }

        (await Store.GetAsync(current.FileId))!.ErrorMessage.Should().Be("step 4");
    }

    [Fact]
    public async Task FindByJobId_AfterUpdateSetsJobId_ReturnsRecord()
    {
        var created = await Store.CreateAsync(NewRecord());

        await Store.UpdateAsync(created with { JobId = "job_abc123", Status = RecordStatus.Processing });

        var found = await Store.FindByJobIdAsync("job_abc123");
        found!.FileId.Should().Be(created.FileId);
        found.Status.Should().Be(RecordStatus.Processing);
    }

    [Fact]
    public async Task FindByJobId_UnknownJob_ReturnsNull()
    {
        await Store.CreateAsync(NewRecord() with { JobId = "job_known" });

        (await Store.FindByJobIdAsync("job_unknown")).Should().BeNull();
    }

    [Fact]
    public async Task FindByJobId_JobIdReplaced_OldIdFindsNothing()
    {
        var created = await Store.CreateAsync(NewRecord() with { JobId = "job_first" });

        await Store.UpdateAsync(created with { JobId = "job_second" });

        (await Store.FindByJobIdAsync("job_first")).Should().BeNull();
        (await Store.FindByJobIdAsync("job_second"))!.FileId.Should().Be(created.FileId);
    }

    [Fact]
    public async Task FindByJobId_UpdateLostRace_OldJobStillFound()
    {
        var created = await Store.CreateAsync(NewRecord() with { JobId = "job_kept" });
        await Store.UpdateAsync(created with { Status = RecordStatus.Processing });

        var act = () => Store.UpdateAsync(created with { JobId = "job_from_stale_writer" });

        await act.Should().ThrowAsync<RecordConflictException>();
        (await Store.FindByJobIdAsync("job_from_stale_writer")).Should().BeNull();
        (await Store.FindByJobIdAsync("job_kept"))!.FileId.Should().Be(created.FileId);
    }

    [Fact]
    public async Task FindByJobId_ReturnsCurrentVersion_UsableForUpdate()
    {
        var created = await Store.CreateAsync(NewRecord() with { JobId = "job_versioned" });
        await Store.UpdateAsync(created with { Status = RecordStatus.Processing });

        var found = await Store.FindByJobIdAsync("job_versioned");
        var updated = await Store.UpdateAsync(found! with { Status = RecordStatus.Done });

        updated.Status.Should().Be(RecordStatus.Done);
    }
}
