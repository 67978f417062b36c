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
        Scalar(connection, "PRAGMA user_version").Should().Be(1L);
        Scalar(connection, CountNamed("ix_conversion_records_job_id")).Should().Be(1L);
        Scalar(connection, CountNamed("unmatched_events")).Should().Be(1L);
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
