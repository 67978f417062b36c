using System.Globalization;
using System.Text.Json;
using ChangeThisFile.Samples.AspNetCore.Cli;
using ChangeThisFile.Samples.AspNetCore.Tests.Infrastructure;
using SkiaSharp;

namespace ChangeThisFile.Samples.AspNetCore.Tests;

/// <summary>The convert command end to end, through the program's entry point in this process.</summary>
public sealed class ConvertCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Convert_CsvToJson_WritesRows()
    {
        var output = _folder.File("people.json");

        var run = await ConvertRun.InProcessAsync(
            _folder, "convert", TestFiles.PeopleCsv, "--to", "json", "--out", output);

        run.ExitCode.Should().Be(ExitCodes.Success, run.Error);
        using var rows = JsonDocument.Parse(await File.ReadAllBytesAsync(output));
        rows.RootElement.GetArrayLength().Should().Be(5);
        rows.RootElement[0].GetProperty("name").GetString().Should().Be("Ada Moreau");
        rows.RootElement[0].GetProperty("joined").GetString().Should().Be("2021-03-15");
        rows.RootElement[4].GetProperty("city").GetString().Should().Be("Portland, OR");
    }

    [Fact]
    public async Task Convert_CsvToJson_PrintsEachStep()
    {
        var output = _folder.File("people.json");

        var run = await ConvertRun.InProcessAsync(
            _folder, "convert", TestFiles.PeopleCsv, "--to", "json", "--out", output);

        var lines = run.Output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(7);
        lines[0].Should().StartWith("Converting ").And.EndWith(" (250 bytes) to json");
        lines[1].Should().Contain("embedded emulator at http://127.0.0.1:");
        lines[2].Should().MatchRegex(
            "^1/4 upload +file id [A-Za-z0-9_-]{22}; 250 bytes sent with PUT to the presigned URL, HTTP 200$");
        lines[3].Should().MatchRegex("^2/4 submit +job id [0-9a-f-]{36}; outcome submitted, status processing$");
        lines[4].Should().MatchRegex(
            "^3/4 webhook +job.completed for job [0-9a-f-]{36} received, signature verified, " +
            "acknowledged with HTTP 200$");
        lines[5].Should().MatchRegex("^4/4 status +done; result people.json, [0-9,]+ bytes$");
        lines[6].Should().Be($"Wrote {output} ({new FileInfo(output).Length:N0} bytes)");
        run.Error.Should().BeEmpty();
    }

    [Fact]
    public async Task Convert_MarkdownToHtml_WritesDocument()
    {
        var output = _folder.File("guide.html");

        var run = await ConvertRun.InProcessAsync(
            _folder, "convert", TestFiles.GuideMarkdown, "--to", "html", "--out", output);

        run.ExitCode.Should().Be(ExitCodes.Success, run.Error);
        var html = await File.ReadAllTextAsync(output);
        html.Should().StartWith("<!DOCTYPE html>");
        html.Should().Contain(">Converting files with ChangeThisFile</h1>");
        html.Should().Contain("<table>");
        html.Should().Contain("<strong>Webhook</strong>");
    }

    [Fact]
    public async Task Convert_PngToWebp_WritesSameImage()
    {
        var output = _folder.File("palette.webp");

        var run = await ConvertRun.InProcessAsync(
            _folder, "convert", TestFiles.PalettePng, "--to", "webp", "--out", output);

        run.ExitCode.Should().Be(ExitCodes.Success, run.Error);
        using var codec = SKCodec.Create(output);
        codec.EncodedFormat.Should().Be(SKEncodedImageFormat.Webp);
        using var converted = SKBitmap.Decode(output);
        using var original = SKBitmap.Decode(TestFiles.PalettePng);
        converted.Width.Should().Be(original.Width);
        converted.Height.Should().Be(original.Height);
        ShouldBeClose(converted.GetPixel(48, 32), original.GetPixel(48, 32));
        ShouldBeClose(converted.GetPixel(10, 40), original.GetPixel(10, 40));
    }

    [Fact]
    public async Task Convert_NoOutputPath_WritesNextToInput()
    {
        var input = _folder.File("people.csv");
        File.Copy(TestFiles.PeopleCsv, input);

        var run = await ConvertRun.InProcessAsync(_folder, "convert", input, "--to", "yaml");

        run.ExitCode.Should().Be(ExitCodes.Success, run.Error);
        File.Exists(_folder.File("people.yaml")).Should().BeTrue();
    }

    [Fact]
    public async Task Convert_TargetNotAllowed_ExitsOneNamingTarget()
    {
        var output = _folder.File("people.pdf");

        var run = await ConvertRun.InProcessAsync(
            _folder, "convert", TestFiles.PeopleCsv, "--to", "pdf", "--out", output);

        run.ExitCode.Should().Be(ExitCodes.Failed);
        run.Error.Should().Contain(
            "Conversion failed: Creating the upload failed: The target format 'pdf' is not allowed.");
        File.Exists(output).Should().BeFalse();
    }

    [Fact]
    public async Task Convert_UnsupportedRoute_ExitsOneWithApiError()
    {
        var output = _folder.File("people.webp");

        var run = await ConvertRun.InProcessAsync(
            _folder, "convert", TestFiles.PeopleCsv, "--to", "webp", "--out", output);

        run.ExitCode.Should().Be(ExitCodes.Failed);
        run.Error.Should().Contain("Conversion failed: Submitting failed: unsupported_route:");
        File.Exists(output).Should().BeFalse();
    }

    [Fact]
    public async Task Convert_InvalidInput_ExitsOneWithConversionError()
    {
        var input = _folder.File("broken.png");
        await File.WriteAllTextAsync(input, "this is not an image");

        var run = await ConvertRun.InProcessAsync(_folder, "convert", input, "--to", "webp");

        run.ExitCode.Should().Be(ExitCodes.Failed);
        run.Output.Should().Contain("3/4 webhook  job.failed");
        run.Error.Should().Contain("Conversion failed: The API could not convert the file: conversion_failed:");
        File.Exists(_folder.File("broken.webp")).Should().BeFalse();
    }

    [Fact]
    public async Task Convert_MissingFile_ExitsTwoNamingFile()
    {
        var missing = _folder.File("missing.csv");

        var run = await ConvertRun.InProcessAsync(_folder, "convert", missing, "--to", "json");

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain($"The input file '{missing}' does not exist");
        run.Output.Should().BeEmpty();
    }

    [Fact]
    public async Task Convert_InputIsFolder_ExitsTwo()
    {
        var folder = Directory.CreateDirectory(_folder.File("inputs")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "b.csv"), "id\n1\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "a.csv"), "id\n1\n");

        var run = await ConvertRun.InProcessAsync(_folder, "convert", folder, "--to", "json");

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain($"The input path '{folder}' is a folder, not a file.");
        run.Error.Should().Contain($"Give the path of the file to convert, such as {Path.Combine(folder, "a.csv")}.");
        run.Error.Should().NotContain("not found");
        run.Output.Should().BeEmpty();
    }

    [Fact]
    public async Task Convert_OutputIsFolder_ExitsTwo()
    {
        var folder = Directory.CreateDirectory(_folder.File("results")).FullName;

        var run = await ConvertRun.InProcessAsync(
            _folder, "convert", TestFiles.PeopleCsv, "--to", "json", "--out", folder);

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain($"The output path '{folder}' is a folder, not a file.");
        run.Error.Should().Contain($"such as --out {Path.Combine(folder, "people.json")}.");
    }

    [Fact]
    public async Task Convert_OutputIsInput_ExitsTwo()
    {
        var run = await ConvertRun.InProcessAsync(
            _folder, "convert", TestFiles.PeopleCsv, "--to", "csv", "--out", TestFiles.PeopleCsv);

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain("The output path is the input file");
    }

    [Theory]
    [InlineData(new[] { "convert" }, "The file to convert is missing.")]
    [InlineData(new[] { "convert", "people.csv" }, "The target format is missing.")]
    [InlineData(new[] { "convert", "people.csv", "--to" }, "The option --to needs a value")]
    [InlineData(new[] { "convert", "people.csv", "--to", "json", "--colour" }, "The option '--colour' is unknown.")]
    [InlineData(new[] { "convert", "a.csv", "b.csv", "--to", "json" }, "Only one file can be converted at a time")]
    [InlineData(new[] { "convert", "a.csv", "--to", "json", "--timeout", "0" }, "The value '0' of --timeout")]
    public async Task Convert_InvalidCommandLine_ExitsTwo(string[] args, string message)
    {
        var run = await ConvertRun.InProcessAsync(_folder, args);

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain(message);
    }

    [Fact]
    public async Task Convert_InvalidSetting_ExitsOneNamingSetting()
    {
        var run = await ConvertRun.InProcessAsync(
            _folder, "convert", TestFiles.PeopleCsv, "--to", "json", "--Storage:Provider=Ftp");

        run.ExitCode.Should().Be(ExitCodes.Failed);
        run.Error.Should().Contain("Storage:Provider 'Ftp' is not supported.");
    }

    [Fact]
    public async Task Convert_PortInUse_SuggestsPortSwitch()
    {
        using var occupant = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((System.Net.IPEndPoint)occupant.LocalEndpoint).Port;

        var run = await ConvertRun.InProcessAsync(
            _folder, "convert", TestFiles.PeopleCsv, "--to", "json", "--port", port.ToString(CultureInfo.InvariantCulture));

        run.ExitCode.Should().Be(ExitCodes.Failed);
        run.Error.Should().Contain("choose another port with --port.");
        run.Error.Should().NotContain("--urls");
    }

    [Fact]
    public async Task Convert_AwsWithoutSettings_ExitsOneNamingEach()
    {
        var run = await ConvertRun.InProcessAsync(
            _folder, "convert", TestFiles.PeopleCsv, "--to", "json", "--Storage:Provider=Aws");

        run.ExitCode.Should().Be(ExitCodes.Failed);
        run.Error.Should().StartWith("The sample could not start: ");
        run.Error.Should().Contain("S3Storage:BucketName");
        run.Error.Should().Contain("DynamoDbRecords:TableName");
        run.Error.Should().NotContain("   at ");
    }

    [Fact]
    public async Task Help_PrintsUsage()
    {
        var run = await ConvertRun.InProcessAsync(_folder, "--help");

        run.ExitCode.Should().Be(ExitCodes.Success);
        run.Output.Should().Contain("convert <file> --to <format>");
    }

    public void Dispose() => _folder.Dispose();

    private static void ShouldBeClose(SKColor actual, SKColor expected)
    {
        // WebP is lossy at the default quality, so colours may move a little.
        const int Tolerance = 24;
        Math.Abs(actual.Red - expected.Red).Should().BeLessThanOrEqualTo(Tolerance);
        Math.Abs(actual.Green - expected.Green).Should().BeLessThanOrEqualTo(Tolerance);
        Math.Abs(actual.Blue - expected.Blue).Should().BeLessThanOrEqualTo(Tolerance);
    }
}
