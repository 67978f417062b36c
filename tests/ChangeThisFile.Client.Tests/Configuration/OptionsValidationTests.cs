using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.Tests.Configuration;

/// <summary>Start-up validation rejects each bad value with a message that names it and the fix.</summary>
public sealed class OptionsValidationTests
{
    private const string ValidKey = "ctf_sk_valid";

    public static TheoryData<string, Action<ConversionClientOptions>, string> BadValues => new()
    {
        { "empty key", options => options.ApiKey = "", "ApiKey is missing*CTF_API_KEY*" },
        {
            "webhook secret as key",
            options => options.ApiKey = "whsec_abc123",
            "ApiKey starts with 'whsec_'*webhook signing secret*"
        },
        { "key with line break", options => options.ApiKey = "ctf_sk_abc\n", "ApiKey contains spaces, line breaks*" },
        {
            "relative base",
            options => options.BaseAddress = new Uri("v1/", UriKind.Relative),
            "BaseAddress 'v1/' must be an absolute http or https URL*"
        },
        {
            "ftp base",
            options => options.BaseAddress = new Uri("ftp://files.example.com/"),
            "BaseAddress 'ftp://files.example.com/' must be an absolute http or https URL*"
        },
        {
            "plain http base",
            options => options.BaseAddress = new Uri("http://api.example.com/"),
            "BaseAddress 'http://api.example.com' uses http*use https*"
        },
        {
            "base with query",
            options => options.BaseAddress = new Uri("https://api.example.com/?key=1"),
            "BaseAddress 'https://api.example.com/' must not contain a query string*"
        },
        {
            "zero attempt timeout",
            options => options.AttemptTimeout = TimeSpan.Zero,
            "AttemptTimeout 00:00:00 must be positive*InfiniteTimeSpan*"
        },
        {
            "negative total timeout",
            options => options.TotalTimeout = TimeSpan.FromSeconds(-5),
            "TotalTimeout -00:00:05 must be positive*"
        },
        {
            "zero upload timeout",
            options => options.UploadTimeout = TimeSpan.Zero,
            "UploadTimeout 00:00:00 must be positive*"
        },
        {
            "negative download timeout",
            options => options.DownloadTimeout = TimeSpan.FromSeconds(-1),
            "DownloadTimeout -00:00:01 must be positive*"
        },
        {
            "huge download timeout",
            options => options.DownloadTimeout = TimeSpan.FromDays(30),
            "DownloadTimeout 30.00:00:00 must be positive and at most 24.00:00:00*"
        },
        {
            "attempt over total",
            options =>
            {
                options.AttemptTimeout = TimeSpan.FromMinutes(1);
                options.TotalTimeout = TimeSpan.FromSeconds(30);
            },
            "AttemptTimeout 00:01:00 exceeds TotalTimeout 00:00:30*"
        },
        {
            "infinite attempt under finite total",
            options => options.AttemptTimeout = Timeout.InfiniteTimeSpan,
            "AttemptTimeout infinite exceeds TotalTimeout 00:03:00*"
        },
        {
            "negative retries",
            options => options.MaxRetryAttempts = -1,
            "MaxRetryAttempts -1 must be between 0 and 10*"
        },
        {
            "too many retries",
            options => options.MaxRetryAttempts = 11,
            "MaxRetryAttempts 11 must be between 0 and 10*"
        },
        {
            "negative base delay",
            options => options.RetryBaseDelay = TimeSpan.FromSeconds(-1),
            "RetryBaseDelay -00:00:01 must be zero or positive*"
        },
        {
            "max delay under base",
            options =>
            {
                options.RetryBaseDelay = TimeSpan.FromSeconds(5);
                options.MaxRetryDelay = TimeSpan.FromSeconds(1);
            },
            "MaxRetryDelay 00:00:01 must be at least RetryBaseDelay 00:00:05*"
        },
        {
            "negative max retry-after",
            options => options.MaxRetryAfter = TimeSpan.FromSeconds(-1),
            "MaxRetryAfter -00:00:01 must be zero or positive*"
        },
        {
            "user agent with line break",
            options => options.UserAgentSuffix = "MyApp/1.0\r\nX-Evil: 1",
            "UserAgentSuffix 'MyApp/1.0X-Evil: 1' is not a valid User-Agent*"
        },
        {
            "user agent with braces",
            options => options.UserAgentSuffix = "{app}",
            "UserAgentSuffix '{app}' is not a valid User-Agent*MyApp/1.2*"
        },
        {
            "trusted host with scheme",
            options => options.TrustedDownloadHosts.Add("https://files.example.com"),
            "TrustedDownloadHosts entry 'https://files.example.com' must be a host name or host:port*"
        },
        {
            "trusted host with path",
            options => options.TrustedDownloadHosts.Add("files.example.com/out"),
            "TrustedDownloadHosts entry 'files.example.com/out'*"
        },
        { "empty trusted host", options => options.TrustedDownloadHosts.Add(""), "TrustedDownloadHosts entry ''*" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void BadValue_IsRejectedWithItsName(
        string label, Action<ConversionClientOptions> configure, string expectedMessage)
    {
        using var provider = Build(options =>
        {
            options.ApiKey = ValidKey;
            configure(options);
        });

        var validate = () => provider.GetRequiredService<IStartupValidator>().Validate();

        validate.Should().Throw<OptionsValidationException>(label)
            .Which.Failures.Should().ContainSingle().Which
                .Should().Match("The ChangeThisFile client: " + expectedMessage);
    }

    [Fact]
    public void BadKey_NeverAppearsInMessage()
    {
        using var provider = Build(options => options.ApiKey = "whsec_topsecretvalue");

        var validate = () => provider.GetRequiredService<IStartupValidator>().Validate();

        validate.Should().Throw<OptionsValidationException>().Which.Message.Should().NotContain("topsecretvalue");
    }

    [Fact]
    public void Defaults_AreValid()
    {
        using var provider = Build(options => options.ApiKey = ValidKey);

        var options = provider.GetRequiredService<IOptionsMonitor<ConversionClientOptions>>().Get(Options.DefaultName);

        options.BaseAddress.Should().Be(new Uri("https://changethisfile.com/"));
        options.AttemptTimeout.Should().Be(TimeSpan.FromSeconds(30));
        options.TotalTimeout.Should().Be(TimeSpan.FromMinutes(3));
        options.UploadTimeout.Should().Be(TimeSpan.FromMinutes(30));
        options.DownloadTimeout.Should().Be(TimeSpan.FromMinutes(30));
        options.MaxRetryAttempts.Should().Be(3);
        options.RetryBaseDelay.Should().Be(TimeSpan.FromSeconds(1));
        options.MaxRetryDelay.Should().Be(TimeSpan.FromSeconds(30));
        options.MaxRetryAfter.Should().Be(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void InfiniteTimeouts_AreValid()
    {
        using var provider = Build(options =>
        {
            options.ApiKey = ValidKey;
            options.AttemptTimeout = Timeout.InfiniteTimeSpan;
            options.TotalTimeout = Timeout.InfiniteTimeSpan;
            options.UploadTimeout = Timeout.InfiniteTimeSpan;
            options.DownloadTimeout = Timeout.InfiniteTimeSpan;
            options.BaseAddress = new Uri("http://localhost:5080/");
            options.UserAgentSuffix = "MyApp/1.2 (linux)";
            options.TrustedDownloadHosts.Add("127.0.0.1:9000");
            options.TrustedDownloadHosts.Add("[::1]:9000");
            options.TrustedDownloadHosts.Add("storage.internal");
        });

        var validate = () => provider.GetRequiredService<IStartupValidator>().Validate();

        validate.Should().NotThrow();
    }

    [Fact]
    public void SeveralBadValues_AreReportedTogether()
    {
        using var provider = Build(options =>
        {
            options.ApiKey = ValidKey;
            options.MaxRetryAttempts = 99;
            options.AttemptTimeout = TimeSpan.Zero;
        });

        var validate = () => provider.GetRequiredService<IStartupValidator>().Validate();

        validate.Should().Throw<OptionsValidationException>().Which.Failures.Should().HaveCount(2);
    }

    [Fact]
    public void NamedClient_IsNamedInMessage()
    {
        var services = new ServiceCollection();
        services.AddConversionClient("tenant-a", options => options.ApiKey = "");
        services.RemoveAll<IPostConfigureOptions<ConversionClientOptions>>();
        using var provider = services.BuildServiceProvider();

        var validate = () => provider.GetRequiredService<IStartupValidator>().Validate();

        validate.Should().Throw<OptionsValidationException>().Which.Message
            .Should().Contain("The ChangeThisFile client 'tenant-a': ApiKey is missing");
    }

    [Fact]
    public async Task HostStart_FailsOnBadValue()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddConversionClient(options =>
        {
            options.ApiKey = ValidKey;
            options.MaxRetryAttempts = 50;
        });
        using var host = builder.Build();

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message
            .Should().Contain("MaxRetryAttempts 50");
    }

    [Fact]
    public void ConfigurationSection_IsBound()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ChangeThisFile:ApiKey"] = "ctf_sk_from_config",
            ["ChangeThisFile:BaseAddress"] = "https://api.example.com/ctf/",
            ["ChangeThisFile:AttemptTimeout"] = "00:00:05",
            ["ChangeThisFile:TotalTimeout"] = "00:01:00",
            ["ChangeThisFile:UploadTimeout"] = "01:00:00",
            ["ChangeThisFile:DownloadTimeout"] = "02:00:00",
            ["ChangeThisFile:MaxRetryAttempts"] = "2",
            ["ChangeThisFile:RetryBaseDelay"] = "00:00:00.250",
            ["ChangeThisFile:MaxRetryDelay"] = "00:00:10",
            ["ChangeThisFile:MaxRetryAfter"] = "00:02:00",
            ["ChangeThisFile:UserAgentSuffix"] = "MyApp/1.2",
            ["ChangeThisFile:TrustedDownloadHosts:0"] = "storage.internal",
            ["ChangeThisFile:TrustedDownloadHosts:1"] = "127.0.0.1:9000",
        }).Build();
        var services = new ServiceCollection();
        services.AddConversionClient(configuration.GetSection("ChangeThisFile"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<ConversionClientOptions>>().Get(Options.DefaultName);

        options.ApiKey.Should().Be("ctf_sk_from_config");
        options.BaseAddress.Should().Be(new Uri("https://api.example.com/ctf/"));
        options.AttemptTimeout.Should().Be(TimeSpan.FromSeconds(5));
        options.TotalTimeout.Should().Be(TimeSpan.FromMinutes(1));
        options.UploadTimeout.Should().Be(TimeSpan.FromHours(1));
        options.DownloadTimeout.Should().Be(TimeSpan.FromHours(2));
        options.MaxRetryAttempts.Should().Be(2);
        options.RetryBaseDelay.Should().Be(TimeSpan.FromMilliseconds(250));
        options.MaxRetryDelay.Should().Be(TimeSpan.FromSeconds(10));
        options.MaxRetryAfter.Should().Be(TimeSpan.FromMinutes(2));
        options.UserAgentSuffix.Should().Be("MyApp/1.2");
        options.TrustedDownloadHosts.Should().Equal("storage.internal", "127.0.0.1:9000");
    }

    [Fact]
    public void ConfigurationSection_BadValueFailsAtStart()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ApiKey"] = ValidKey,
            ["AttemptTimeout"] = "00:05:00",
            ["TotalTimeout"] = "00:01:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddConversionClient(configuration);
        using var provider = services.BuildServiceProvider();

        var validate = () => provider.GetRequiredService<IStartupValidator>().Validate();

        validate.Should().Throw<OptionsValidationException>().Which.Message
            .Should().Contain("AttemptTimeout 00:05:00 exceeds TotalTimeout 00:01:00");
    }

    private static ServiceProvider Build(Action<ConversionClientOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddConversionClient(configure);

        // Keeps a CTF_API_KEY set on the machine from filling in the key under test.
        services.RemoveAll<IPostConfigureOptions<ConversionClientOptions>>();
        return services.BuildServiceProvider();
    }
}
