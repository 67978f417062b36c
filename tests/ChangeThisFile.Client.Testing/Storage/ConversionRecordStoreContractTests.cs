namespace ChangeThisFile.Client.Testing.Storage;

/// <summary>
/// The behaviour every <see cref="IConversionRecordStore"/> must have. Derive a test class and
/// create the store in <see cref="CreateStoreAsync"/> with its own, empty table or database; every
/// test here then runs against it.
/// </summary>
public abstract partial class ConversionRecordStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Created =
        new DateTimeOffset(2026, 12, 4, 10, 11, 12, TimeSpan.Zero).AddTicks(1234567);

    /// <summary>The store under test, created before each test.</summary>
    protected IConversionRecordStore Store { get; private set; } = null!;

    /// <summary>Creates the store under test with its own, empty namespace.</summary>
    protected abstract Task<IConversionRecordStore> CreateStoreAsync();

    /// <summary>Releases what <see cref="CreateStoreAsync"/> created.</summary>
    protected virtual Task DisposeStoreAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    /// <inheritdoc />
    public Task DisposeAsync() => DisposeStoreAsync();

    /// <summary>Returns a record awaiting upload with only the required fields set.</summary>
    protected static ConversionRecord NewRecord(string? fileId = null) => new()
    {
        FileId = fileId ?? Guid.NewGuid().ToString("N"),
        Target = "pdf",
        Status = RecordStatus.AwaitingUpload,
        InputKey = "uploads/input.docx",
        CreatedAt = Created,
        UpdatedAt = Created,
    };

    /// <summary>Returns a record with every field set to an awkward value.</summary>
    protected static ConversionRecord FullRecord() => NewRecord() with
    {
        OriginalFileName = "My File [1] (copy)'s ✓ \"final\".docx",
        ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Status = RecordStatus.Failed,
        JobId = "job_" + Guid.NewGuid().ToString("N"),
        InputKey = "uploads/My File [1] (copy)'s ✓.docx",
        OutputKey = "results/My File.pdf",
        OutputSize = 5_000_000_000,
        ErrorCode = "conversion_failed",
        ErrorMessage = "The engine said: \"bad input\"\nline two ✓",
        Metadata = new Dictionary<string, string>
        {
            ["user id"] = "42",
            ["file name"] = "Résumé – 新建文本文档 (1).pdf",
            ["empty"] = "",
            ["json"] = "{\"a\":[1,2]}",
        },
        CreatedAt = new DateTimeOffset(2026, 12, 4, 12, 11, 12, TimeSpan.FromHours(2)).AddTicks(7654321),
        UpdatedAt = Created.AddMinutes(3),
    };

    [Fact]
    public async Task Create_FullRecord_GetReturnsEveryField()
    {
        var record = FullRecord();

        var created = await Store.CreateAsync(record);
        var read = await Store.GetAsync(record.FileId);

        read.Should().NotBeNull();
        read.Should().BeEquivalentTo(record, o => o.Excluding(r => r.Version));
        read!.Version.Should().NotBeNullOrEmpty().And.Be(created.Version);
    }

    [Fact]
    public async Task Create_MinimalRecord_GetReturnsNullsAndEmptyMetadata()
    {
        var record = NewRecord();

        await Store.CreateAsync(record);
        var read = await Store.GetAsync(record.FileId);

        read.Should().BeEquivalentTo(record, o => o.Excluding(r => r.Version));
        read!.Metadata.Should().BeEmpty();
        read.JobId.Should().BeNull();
        read.OutputSize.Should().BeNull();
    }

    [Fact]
    public async Task Create_Timestamps_KeepTheInstantToTheTick()
    {
        var record = FullRecord();

        await Store.CreateAsync(record);
        var read = await Store.GetAsync(record.FileId);

        read!.CreatedAt.UtcTicks.Should().Be(record.CreatedAt.UtcTicks);
        read.UpdatedAt.UtcTicks.Should().Be(record.UpdatedAt.UtcTicks);
    }

    [Fact]
    public async Task Create_UnknownStatus_IsKeptAsStored()
    {
        var record = NewRecord() with { Status = new RecordStatus("queued_elsewhere") };

        await Store.CreateAsync(record);

        (await Store.GetAsync(record.FileId))!.Status.Value.Should().Be("queued_elsewhere");
    }

    [Fact]
    public async Task Create_IncomingVersion_IsIgnored()
    {
        var record = NewRecord() with { Version = "999" };

        var created = await Store.CreateAsync(record);
        var updated = await Store.UpdateAsync(created with { Status = RecordStatus.Processing });

        updated.Status.Should().Be(RecordStatus.Processing);
    }

    [Fact]
    public async Task Create_ExistingFileId_ThrowsConflict()
    {
        var record = NewRecord();
        await Store.CreateAsync(record);

        var act = () => Store.CreateAsync(record with { Target = "png" });

        (await act.Should().ThrowAsync<RecordConflictException>()).Which.FileId.Should().Be(record.FileId);
        (await Store.GetAsync(record.FileId))!.Target.Should().Be("pdf");
    }

    [Theory]
    [InlineData("a/b#c?d%e\\f")]
    [InlineData("../../etc/passwd")]
    [InlineData("ü ✓ 日本 😀")]
    [InlineData("'; DROP TABLE records; --")]
    [InlineData("record")]
    public async Task Create_AwkwardFileId_RoundTrips(string fileId)
    {
        var record = NewRecord(fileId) with { JobId = "job " + fileId };

        await Store.CreateAsync(record);

        (await Store.GetAsync(fileId))!.FileId.Should().Be(fileId);
        (await Store.FindByJobIdAsync("job " + fileId))!.FileId.Should().Be(fileId);
    }

    [Fact]
    public async Task Create_MaximumLengthFileId_RoundTrips()
    {
        var fileId = string.Concat(Enumerable.Repeat("/#?%", RecordKey.MaxLength / 4));

        await Store.CreateAsync(NewRecord(fileId));

        (await Store.GetAsync(fileId))!.FileId.Should().Be(fileId);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("ctrl\u0000id", "control character")]
    public async Task Create_InvalidFileId_ThrowsWithRule(string fileId, string rule)
    {
        var act = () => Store.CreateAsync(NewRecord(fileId));

        (await act.Should().ThrowAsync<ArgumentException>()).WithMessage($"*{rule}*");
    }

    [Fact]
    public async Task Create_MissingTarget_ThrowsNamingField()
    {
        var act = () => Store.CreateAsync(NewRecord() with { Target = "" });

        (await act.Should().ThrowAsync<ArgumentException>()).WithMessage("*Target*");
    }

    [Fact]
    public async Task Get_UnknownFileId_ReturnsNull()
    {
        (await Store.GetAsync("never-created")).Should().BeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("line\nbreak")]
    [InlineData("x")]
    public async Task Get_IdThatCannotBeStored_ReturnsNull(string prefix)
    {
        var fileId = prefix == "x" ? new string('x', RecordKey.MaxLength + 1) : prefix;

        (await Store.GetAsync(fileId)).Should().BeNull();
        (await Store.FindByJobIdAsync(fileId)).Should().BeNull();
    }

    [Fact]
    public async Task Get_CanceledToken_ThrowsOperationCanceled()
    {
        using var canceled = new CancellationTokenSource();
        await canceled.CancelAsync();

        var act = () => Store.GetAsync("any", canceled.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Get_ReturnedMetadata_IsACopy()
    {
        var metadata = new Dictionary<string, string> { ["k"] = "v" };
        var record = NewRecord() with { Metadata = metadata };
        await Store.CreateAsync(record);

        metadata["k"] = "changed after create";

        (await Store.GetAsync(record.FileId))!.Metadata["k"].Should().Be("v");
    }
}
