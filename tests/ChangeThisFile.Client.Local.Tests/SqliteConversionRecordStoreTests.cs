using ChangeThisFile.Client.Storage;
using Microsoft.Data.Sqlite;

namespace ChangeThisFile.Client.Local.Tests;

public sealed class SqliteConversionRecordStoreTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ctf-sqlite-");

    private string DatabasePath => Path.Combine(_folder.FullName, "nested", "records.db");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Records_AfterRestart_AreAllThere()
    {
        ConversionRecord updated;
        using (var first = NewStore())
        {
            var created = await first.CreateAsync(Record("file-1") with { JobId = "job-1" });
            updated = await first.UpdateAsync(created with { Status = RecordStatus.Done, OutputKey = "results/1.pdf" });
            await first.AddUnmatchedEventAsync(
                new UnmatchedEvent("evt", "job.completed", "job-x", null, created.CreatedAt, "{}"));
        }

        using var second = NewStore();

        (await second.GetAsync("file-1")).Should().BeEquivalentTo(updated);
        (await second.FindByJobIdAsync("job-1"))!.FileId.Should().Be("file-1");
        (await second.ListUnmatchedEventsAsync()).Should().ContainSingle();
        var again = await second.UpdateAsync(updated with { ErrorMessage = "after restart" });
        again.Version.Should().NotBe(updated.Version);
    }

    [Fact]
    public async Task FirstUse_CreatesSchemaWithWalAndJobIdIndex()
    {
        using (var store = NewStore())
        {
            await store.GetAsync("any");
        }

        using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        Scalar(connection, "PRAGMA journal_mode").Should().Be("wal");
        Scalar(connection, "PRAGMA user_version").Should().Be(2L);
        Scalar(connection, CountNamed("ix_conversion_records_job_id")).Should().Be(1L);
        Scalar(connection, CountNamed("unmatched_events")).Should().Be(1L);
    }

    [Fact]
    public async Task OldSchemaFile_KeptEvent_ListsWithoutReason()
    {
        CreateVersion1Database();
        using var store = NewStore();

        var listed = await store.ListUnmatchedEventsAsync();

        listed.Should().ContainSingle().Which.Should().Be(Version1Event);
    }

    [Fact]
    public async Task OldSchemaFile_NewEvent_StoresReason()
    {
        CreateVersion1Database();
        using var store = NewStore();
        var kept = Version1Event with
        {
            Id = "evt-new", ReceivedAt = Version1Event.ReceivedAt.AddMinutes(1), Reason = "no record has the job id",
        };

        await store.AddUnmatchedEventAsync(kept);

        (await store.ListUnmatchedEventsAsync()).Should().Equal(kept, Version1Event);
        using var connection = Open();
        Scalar(connection, "PRAGMA user_version").Should().Be(2L);
        Scalar(connection, ReasonColumnCount).Should().Be(1L);
    }

    [Fact]
    public async Task OldSchemaFile_ConcurrentOpen_Upgrades()
    {
        CreateVersion1Database();
        using var first = NewStore();
        using var second = NewStore();

        var lists = await Task.WhenAll(first.ListUnmatchedEventsAsync(), second.ListUnmatchedEventsAsync());

        lists.Should().AllSatisfy(listed => listed.Should().ContainSingle());
        using var connection = Open();
        Scalar(connection, ReasonColumnCount).Should().Be(1L);
    }

    [Fact]
    public async Task TwoStores_SameFile_SeeEachOthersWrites()
    {
        using var a = NewStore();
        using var b = NewStore();

        var created = await a.CreateAsync(Record("shared"));
        await b.UpdateAsync(created with { Status = RecordStatus.Processing });

        var act = () => a.UpdateAsync(created with { Status = RecordStatus.Failed });
        await act.Should().ThrowAsync<RecordConflictException>();
    }

    [Theory]
    [InlineData("")]
    [InlineData(":memory:")]
    [InlineData("file:x?mode=memory")]
    public void Constructor_MissingOrMemoryPath_NamesSettingAndFix(string path)
    {
        var act = () => new SqliteConversionRecordStore(new SqliteConversionRecordStoreOptions { DatabasePath = path });

        act.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>()
            .WithMessage("*SqliteRecords:DatabasePath*records survive a restart*");
    }

    private const string ReasonColumnCount =
        "SELECT count(*) FROM pragma_table_info('unmatched_events') WHERE name = 'reason'";

    private static readonly UnmatchedEvent Version1Event = new(
        "evt-old", "job.completed", "job-old", null, new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero), "{}");

    /// <summary>Creates the database file as the first schema version left it, with one kept event.</summary>
    private void CreateVersion1Database()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE conversion_records (
                file_id TEXT NOT NULL PRIMARY KEY, target TEXT NOT NULL, original_file_name TEXT,
                content_type TEXT, status TEXT NOT NULL, job_id TEXT, input_key TEXT NOT NULL,
                output_key TEXT, output_size INTEGER, error_code TEXT, error_message TEXT,
                metadata TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
                version INTEGER NOT NULL);
            CREATE INDEX ix_conversion_records_job_id ON conversion_records (job_id);
            CREATE TABLE unmatched_events (
                id TEXT NOT NULL PRIMARY KEY, event_type TEXT NOT NULL, job_id TEXT, file_id TEXT,
                received_at TEXT NOT NULL, received_at_ticks INTEGER NOT NULL, payload TEXT NOT NULL);
            CREATE INDEX ix_unmatched_events_received ON unmatched_events (received_at_ticks DESC, id);
            PRAGMA user_version = 1;
            INSERT INTO unmatched_events VALUES
                ('evt-old', 'job.completed', 'job-old', NULL, '2026-12-04T08:00:00.0000000+00:00',
                 $ticks, '{}');
            """;
        command.Parameters.AddWithValue("$ticks", Version1Event.ReceivedAt.UtcTicks);
        command.ExecuteNonQuery();
    }

    private SqliteConnection Open()
    {
        // Pooling off, so the file is not held open after the test's connection is disposed.
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }

    private SqliteConversionRecordStore NewStore() =>
        new(new SqliteConversionRecordStoreOptions { DatabasePath = DatabasePath });

    private static ConversionRecord Record(string fileId) => new()
    {
        FileId = fileId,
        Target = "pdf",
        Status = RecordStatus.AwaitingUpload,
        InputKey = "uploads/" + fileId,
        CreatedAt = new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero),
    };

    private static string CountNamed(string name) =>
        $"SELECT count(*) FROM sqlite_master WHERE name = '{name}'";

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
