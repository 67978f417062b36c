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
        {
            "empty key",
            options => options.ApiKey = "",
            "ConversionClientOptions.ApiKey is missing*configuration section you bound*CTF_API_KEY*"
        },
        {
            "webhook secret as key",
            options => options.ApiKey = "whsec_abc123",
            "ConversionClientOptions.ApiKey is a value of 12 characters starting with 'whsec_'*webhook signing secret*"
        },
        {
            "key with line break",
            options => options.ApiKey = "ctf_sk_abc\n",
            "ConversionClientOptions.ApiKey is a value of 11 characters starting with 'ctf_sk_' and contains spaces*"
        },
        {
            "relative base",
            options => options.BaseAddress = new Uri("v1/", UriKind.Relative),
            "ConversionClientOptions.BaseAddress 'v1/' is a relative URL*https://changethisfile.com/*"
        },
        {
            "host without scheme",
            options => options.BaseAddress = new Uri("changethisfile.com", UriKind.RelativeOrAbsolute),
            "ConversionClientOptions.BaseAddress 'changethisfile.com' is a relative URL; set an absolute URL*"
        },
        {
            "relative base with query",
            options => options.BaseAddress = new Uri("v1/?key=secret", UriKind.Relative),
            "ConversionClientOptions.BaseAddress 'v1/' is a relative URL*"
        },
        {
            "ftp base",
            options => options.BaseAddress = new Uri("ftp://files.example.com/"),
            "ConversionClientOptions.BaseAddress 'ftp://files.example.com/' uses the scheme 'ftp'; set an https URL*"
        },
        {
            "plain http base",
            options => options.BaseAddress = new Uri("http://api.example.com/"),
            "ConversionClientOptions.BaseAddress 'http://api.example.com' uses http*use https*loopback*"
        },
        {
            "base with query",
            options => options.BaseAddress = new Uri("https://api.example.com/?key=1"),
            "ConversionClientOptions.BaseAddress 'https://api.example.com/' contains a query string; remove it*"
        },
        {
            "base with fragment",
            options => options.BaseAddress = new Uri("https://api.example.com/#top"),
            "ConversionClientOptions.BaseAddress 'https://api.example.com/' contains a fragment; remove it*"
        },
        {
            "base with user information",
            options => options.BaseAddress = new Uri("https://user:pass@api.example.com/"),
            "ConversionClientOptions.BaseAddress 'https://api.example.com/' contains user information*"
        },
        {
            "zero attempt timeout",
            options => options.AttemptTimeout = TimeSpan.Zero,
            "ConversionClientOptions.AttemptTimeout is 00:00:00; set a positive duration*InfiniteTimeSpan*"
        },
        {
            "negative total timeout",
            options => options.TotalTimeout = TimeSpan.FromSeconds(-5),
            "ConversionClientOptions.TotalTimeout is -00:00:05; set a positive duration*"
        },
        {
            "zero upload timeout",
            options => options.UploadTimeout = TimeSpan.Zero,
            "ConversionClientOptions.UploadTimeout is 00:00:00; set a positive duration*"
        },
        {
            "negative download timeout",
            options => options.DownloadTimeout = TimeSpan.FromSeconds(-1),
            "ConversionClientOptions.DownloadTimeout is -00:00:01; set a positive duration*"
        },
        {
            "huge download timeout",
            options => options.DownloadTimeout = TimeSpan.FromDays(30),
            "ConversionClientOptions.DownloadTimeout is 30.00:00:00, above the maximum 12:00:00*00:00:30*days*"
        },
        {
            "attempt timeout of one day",
            options => options.AttemptTimeout = TimeSpan.FromDays(1),
            "ConversionClientOptions.AttemptTimeout is 1.00:00:00, above the maximum 01:00:00*hh:mm:ss*"
        },
        {
            "total timeout of one day",
            options => options.TotalTimeout = TimeSpan.FromDays(1),
            "ConversionClientOptions.TotalTimeout is 1.00:00:00, above the maximum 12:00:00*hh:mm:ss*"
        },
        {
            "upload timeout of one day",
            options => options.UploadTimeout = TimeSpan.FromDays(1),
            "ConversionClientOptions.UploadTimeout is 1.00:00:00, above the maximum 12:00:00*"
        },
        {
            "attempt over total",
            options =>
            {
                options.AttemptTimeout = TimeSpan.FromMinutes(1);
                options.TotalTimeout = TimeSpan.FromSeconds(30);
            },
            "ConversionClientOptions.AttemptTimeout 00:01:00 exceeds ConversionClientOptions.TotalTimeout 00:00:30*"
        },
        {
            "infinite attempt under finite total",
            options => options.AttemptTimeout = Timeout.InfiniteTimeSpan,
            "ConversionClientOptions.AttemptTimeout infinite exceeds ConversionClientOptions.TotalTimeout 00:03:00*"
        },
        {
            "negative retries",
            options => options.MaxRetryAttempts = -1,
            "ConversionClientOptions.MaxRetryAttempts is -1; set a whole number from 0 to 10*"
        },
        {
            "too many retries",
            options => options.MaxRetryAttempts = 11,
            "ConversionClientOptions.MaxRetryAttempts is 11; set a whole number from 0 to 10*"
        },
        {
            "negative base delay",
            options => options.RetryBaseDelay = TimeSpan.FromSeconds(-1),
            "ConversionClientOptions.RetryBaseDelay is -00:00:01; set zero or a positive duration*"
        },
        {
            "base delay of two days",
            options => options.RetryBaseDelay = TimeSpan.FromDays(2),
            "ConversionClientOptions.RetryBaseDelay is 2.00:00:00, above the maximum 01:00:00*hh:mm:ss*"
        },
        {
            "max delay under base",
            options =>
            {
                options.RetryBaseDelay = TimeSpan.FromSeconds(5);
                options.MaxRetryDelay = TimeSpan.FromSeconds(1);
            },
            "ConversionClientOptions.MaxRetryDelay 00:00:01 is shorter than ConversionClientOptions.RetryBaseDelay*"
        },
        {
            "max delay of one day",
            options => options.MaxRetryDelay = TimeSpan.FromDays(1),
            "ConversionClientOptions.MaxRetryDelay is 1.00:00:00, above the maximum 01:00:00*"
        },
        {
            "negative max retry-after",
            options => options.MaxRetryAfter = TimeSpan.FromSeconds(-1),
            "ConversionClientOptions.MaxRetryAfter is -00:00:01; set zero or a positive duration*"
        },
        {
            "max retry-after of sixty days",
            options => options.MaxRetryAfter = TimeSpan.FromDays(60),
            "ConversionClientOptions.MaxRetryAfter is 60.00:00:00, above the maximum 01:00:00*"
        },
        {
            "user agent with line break",
            options => options.UserAgentSuffix = "MyApp/1.0\r\nX-Evil: 1",
            "ConversionClientOptions.UserAgentSuffix 'MyApp/1.0X-Evil: 1' is not a valid User-Agent*"
        },
        {
            "user agent with braces",
            options => options.UserAgentSuffix = "{app}",
            "ConversionClientOptions.UserAgentSuffix '{app}' is not a valid User-Agent*MyApp/1.2*"
        },
        {
            "trusted host with scheme",
            options => options.TrustedDownloadHosts.Add("https://files.example.com"),
            "ConversionClientOptions.TrustedDownloadHosts entry 'https://files.example.com' must be a host name*"
        },
        {
            "trusted host with path",
            options => options.TrustedDownloadHosts.Add("files.example.com/out"),
            "ConversionClientOptions.TrustedDownloadHosts entry 'files.example.com/out'*"
        },
        {
            "empty trusted host",
            options => options.TrustedDownloadHosts.Add(""),
            "ConversionClientOptions.TrustedDownloadHosts entry ''*"
        },
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

    [Theory]
    [InlineData("whsec_topsecretvalue")]
    [InlineData("ctf_sk_topsecretvalue ")]
    [InlineData("topsecretvalue\u00e9")]
    public void BadKey_NeverAppearsInMessage(string apiKey)
    {
        using var provider = Build(options => options.ApiKey = apiKey);

        var validate = () => provider.GetRequiredService<IStartupValidator>().Validate();

        validate.Should().Throw<OptionsValidationException>().Which.Message.Should().NotContain("topsecretvalue");
    }

    [Theory]
    [InlineData("AttemptTimeout", "30", "30.00:00:00")]
    [InlineData("TotalTimeout", "3", "3.00:00:00")]
    [InlineData("DownloadTimeout", "1", "1.00:00:00")]
    [InlineData("RetryBaseDelay", "1", "1.00:00:00")]
    public void ConfigurationSection_BareNumberTimeout_FailsWithFormatHint(string key, string value, string shown)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Custom:Section:ApiKey"] = ValidKey,
            ["Custom:Section:" + key] = value,
        }).Build();
        var services = new ServiceCollection();
        services.AddConversionClient(configuration.GetSection("Custom:Section"));
        using var provider = services.BuildServiceProvider();

        var validate = () => provider.GetRequiredService<IStartupValidator>().Validate();

        var failure = validate.Should().Throw<OptionsValidationException>()
            .Which.Failures.Should().ContainSingle().Which;
        failure.Should().Contain($"ConversionClientOptions.{key} is {shown}, above the maximum");
        failure.Should().Contain("00:00:30 is 30 seconds");
        failure.Should().Contain("a bare number such as 30 is read as days");
    }

    [Theory]
    [InlineData("changethisfile.com", "'changethisfile.com' is a relative URL; set an absolute URL with its scheme")]
    [InlineData("ftp://changethisfile.com/", "uses the scheme 'ftp'; set an https URL")]
    [InlineData("https://changethisfile.com/?token=abc", "contains a query string; remove it")]
    public void ConfigurationSection_BadBaseAddress_NamesFix(string value, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ApiKey"] = ValidKey,
            ["BaseAddress"] = value,
        }).Build();
        var services = new ServiceCollection();
        services.AddConversionClient(configuration);
        using var provider = services.BuildServiceProvider();

        var validate = () => provider.GetRequiredService<IStartupValidator>().Validate();

        var message = validate.Should().Throw<OptionsValidationException>().Which.Message;
        message.Should().Contain("ConversionClientOptions.BaseAddress");
        message.Should().Contain(expected);
        message.Should().NotContain("token=abc");
    }

    [Fact]
    public void ConfigurationSection_UnknownKey_IsIgnored()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ApiKey"] = ValidKey,
            ["AttempTimeout"] = "00:00:05",
            ["Webhooks:Mode"] = "Queued",
        }).Build();
        var services = new ServiceCollection();
        services.AddConversionClient(configuration);
        using var provider = services.BuildServiceProvider();

        var validate = () => provider.GetRequiredService<IStartupValidator>().Validate();

        validate.Should().NotThrow();
        var options = provider.GetRequiredService<IOptionsMonitor<ConversionClientOptions>>().Get(Options.DefaultName);
        options.AttemptTimeout.Should().Be(ConversionClientOptions.DefaultAttemptTimeout);
    }

    [Fact]
    public void ConfigurationSection_MissingKey_NamesNoFixedSection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Custom:Section:MaxRetryAttempts"] = "2",
        }).Build();
        var services = new ServiceCollection();
        services.AddConversionClient(configuration.GetSection("Custom:Section"));
        services.RemoveAll<IPostConfigureOptions<ConversionClientOptions>>();
        using var provider = services.BuildServiceProvider();

        var validate = () => provider.GetRequiredService<IStartupValidator>().Validate();

        var message = validate.Should().Throw<OptionsValidationException>().Which.Message;
        message.Should().Contain("ConversionClientOptions.ApiKey is missing");
        message.Should().Contain("the ApiKey setting of the configuration section you bound");
        message.Should().NotContain("ChangeThisFile:ApiKey");
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
            .Should().Contain("The ChangeThisFile client 'tenant-a': ConversionClientOptions.ApiKey is missing");
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
            .Should().Contain("MaxRetryAttempts is 50");
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
            .Should().Contain("AttemptTimeout 00:05:00 exceeds ConversionClientOptions.TotalTimeout 00:01:00");
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
