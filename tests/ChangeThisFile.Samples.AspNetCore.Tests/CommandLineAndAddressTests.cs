using ChangeThisFile.Client.Local;
using ChangeThisFile.Samples.AspNetCore.Cli;
using ChangeThisFile.Samples.AspNetCore.Hosting;
using ChangeThisFile.Samples.AspNetCore.Tests.Infrastructure;

namespace ChangeThisFile.Samples.AspNetCore.Tests;

/// <summary>The pure parts of the sample: argument parsing, listen addresses and local defaults.</summary>
public sealed class CommandLineAndAddressTests
{
    [Theory]
    [InlineData(new[] { "in.csv", "--to", "json" }, "json", null)]
    [InlineData(new[] { "--to=json", "in.csv" }, "json", null)]
    [InlineData(new[] { "in.csv", "-t", "yaml", "-o", "out.yaml" }, "yaml", "out.yaml")]
    [InlineData(new[] { "in.csv", "--to", "json", "--out=result.json" }, "json", "result.json")]
    public void Parse_ValidForms_ReadsTargetAndOutput(string[] args, string target, string? output)
    {
        var parsed = ConvertArguments.Parse(args);

        parsed.InputPath.Should().Be("in.csv");
        parsed.Target.Should().Be(target);
        parsed.OutputPath.Should().Be(output);
        parsed.Timeout.Should().Be(ConvertArguments.DefaultTimeout);
    }

    [Fact]
    public void Parse_SettingsAndNumbers_PassedThrough()
    {
        var parsed = ConvertArguments.Parse(
            ["in.csv", "--to", "json", "--timeout", "30", "--port", "5099", "--Storage:Provider=Aws"]);

        parsed.Timeout.Should().Be(TimeSpan.FromSeconds(30));
        parsed.Port.Should().Be(5099);
        parsed.ConfigurationArgs.Should().Equal("--Storage:Provider=Aws");
    }

    [Fact]
    public void Resolve_PortZero_ChoosesFreePort()
    {
        var address = ListenAddress.Resolve("http://127.0.0.1:0", publicBaseUrl: null);

        address.PortWasChosen.Should().BeTrue();
        address.LocalBaseUrl.Port.Should().BeGreaterThan(0);
        address.ListenUrls.Should().Be(address.LocalBaseUrl.GetLeftPart(UriPartial.Authority));
        address.PublicBaseUrl.Should().Be(address.LocalBaseUrl);
    }

    [Theory]
    [InlineData("http://*:5090", "http://127.0.0.1:5090/")]
    [InlineData("http://+:5090", "http://127.0.0.1:5090/")]
    [InlineData("http://0.0.0.0:5090;http://127.0.0.1:5091", "http://127.0.0.1:5090/")]
    [InlineData(null, "http://127.0.0.1:5000/")]
    public void Resolve_EveryAddress_ReachedOnLoopback(string? urls, string expected)
    {
        var address = ListenAddress.Resolve(urls, publicBaseUrl: null);

        address.LocalBaseUrl.AbsoluteUri.Should().Be(expected);
        address.PortWasChosen.Should().BeFalse();
    }

    [Fact]
    public void Resolve_PublicBaseUrl_GetsTrailingSlash()
    {
        var address = ListenAddress.Resolve("http://127.0.0.1:5090", new Uri("https://convert.example.com/app"));

        address.PublicBaseUrl.AbsoluteUri.Should().Be("https://convert.example.com/app/");
        address.LocalBaseUrl.AbsoluteUri.Should().Be("http://127.0.0.1:5090/");
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:5090")]
    [InlineData("http://127.0.0.1:5090/path")]
    [InlineData("not a url")]
    public void Resolve_InvalidListenUrl_NamesIt(string urls)
    {
        var resolve = () => ListenAddress.Resolve(urls, publicBaseUrl: null);

        resolve.Should().Throw<InvalidOperationException>().WithMessage($"The listen URL '{urls}'*");
    }

    [Fact]
    public void LocalDefaults_EmptySettings_FilledUnderDataFolder()
    {
        using var data = new TempFolder();
        var defaults = new LocalDefaults("/app", data.Path, new Uri("http://127.0.0.1:5090/"));
        var storage = new LocalObjectStorageOptions();
        var records = new SqliteConversionRecordStoreOptions();

        defaults.Apply(storage);
        defaults.Apply(records);

        storage.RootPath.Should().Be(Path.Combine(data.Path, "objects"));
        storage.PublicBaseUrl.Should().Be("http://127.0.0.1:5090/storage");
        Convert.FromBase64String(storage.SigningKey).Should().HaveCount(32);
        records.DatabasePath.Should().Be(Path.Combine(data.Path, "records.db"));
    }

    [Fact]
    public void LocalDefaults_SecondRun_ReusesSigningKey()
    {
        using var data = new TempFolder();
        var baseUrl = new Uri("http://127.0.0.1:5090/");
        var first = new LocalObjectStorageOptions();
        var second = new LocalObjectStorageOptions();

        new LocalDefaults("/app", data.Path, baseUrl).Apply(first);
        new LocalDefaults("/app", data.Path, baseUrl).Apply(second);

        second.SigningKey.Should().Be(first.SigningKey);
    }

    [Fact]
    public void LocalDefaults_RelativePaths_ResolvedAgainstAppFolder()
    {
        using var data = new TempFolder();
        var defaults = new LocalDefaults("/app", data.Path, new Uri("http://127.0.0.1:5090/"));
        var storage = new LocalObjectStorageOptions { RootPath = "files", SigningKey = "set", PublicBaseUrl = "set" };
        var records = new SqliteConversionRecordStoreOptions { DatabasePath = "db/records.db" };

        defaults.Apply(storage);
        defaults.Apply(records);

        storage.RootPath.Should().Be("/app/files");
        storage.SigningKey.Should().Be("set");
        records.DatabasePath.Should().Be("/app/db/records.db");
    }
}
