using ChangeThisFile.Client.Http;
using ChangeThisFile.Client.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using WireMock.RequestBuilders;

namespace ChangeThisFile.Client.Tests.DependencyInjection;

/// <summary>How applications register, name, resolve and extend clients.</summary>
public sealed class RegistrationTests : IDisposable
{
    private readonly ApiServer _api = new();

    public RegistrationTests() =>
        _api.Server.Given(Request.Create().WithPath("/v1/usage").UsingGet())
            .RespondWith(Responses.Json(200, """{"plan":"free"}"""));

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task NamedClients_SendTheirOwnKeys()
    {
        var services = new ServiceCollection();
        services.AddConversionClient("tenant-a", options => Configure(options, "ctf_sk_tenant_a"));
        services.AddConversionClient("tenant-b", options => Configure(options, "ctf_sk_tenant_b"));
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IConversionClientFactory>();

        await factory.CreateClient("tenant-a").GetUsageAsync();
        await factory.CreateClient("tenant-b").GetUsageAsync();

        _api.Requests.Select(entry => entry.Header("Authorization")).Should()
            .Equal("Bearer ctf_sk_tenant_a", "Bearer ctf_sk_tenant_b");
    }

    [Fact]
    public async Task NamedClient_IsKeyedService()
    {
        var services = new ServiceCollection();
        services.AddConversionClient("tenant-a", options => Configure(options, "ctf_sk_tenant_a"));
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredKeyedService<IConversionClient>("tenant-a").GetUsageAsync();

        _api.SingleRequest().Header("Authorization").Should().Be("Bearer ctf_sk_tenant_a");
        provider.GetService<IConversionClient>().Should().BeNull();
    }

    [Fact]
    public async Task UnknownName_IsRejectedWithFix()
    {
        var services = new ServiceCollection();
        services.AddConversionClient(options => Configure(options, "ctf_sk_default"));
        await using var provider = services.BuildServiceProvider();

        var create = () => provider.GetRequiredService<IConversionClientFactory>().CreateClient("missing");

        create.Should().Throw<InvalidOperationException>()
            .WithMessage("*named 'missing'*AddConversionClient(\"missing\"*");
    }

    [Fact]
    public async Task DefaultClient_IsTransient()
    {
        var services = new ServiceCollection();
        var builder = services.AddConversionClient(options => Configure(options, "ctf_sk_default"));
        await using var provider = services.BuildServiceProvider();

        var first = provider.GetRequiredService<IConversionClient>();
        var second = provider.GetRequiredService<IConversionClient>();

        first.Should().NotBeSameAs(second);
        builder.Name.Should().Be("ChangeThisFile.Client");
        provider.GetRequiredService<IConversionClientFactory>().CreateClient(string.Empty).Should().NotBeSameAs(first);
    }

    [Fact]
    public void Handlers_RunInDocumentedOrder()
    {
        var services = new ServiceCollection();
        services.AddConversionClient(options => Configure(options, "ctf_sk_default"));
        using var provider = services.BuildServiceProvider();

        var handler = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler("ChangeThisFile.Client");

        var chain = new List<Type>();
        for (var current = handler; current is not null; current = (current as DelegatingHandler)?.InnerHandler)
        {
            chain.Add(current.GetType());
        }

        chain.Where(type => type.Namespace == typeof(RetryHandler).Namespace || type == typeof(SocketsHttpHandler))
            .Should().Equal(
                typeof(TelemetryHandler),
                typeof(TotalTimeoutHandler),
                typeof(RetryHandler),
                typeof(AttemptTimeoutHandler),
                typeof(AuthenticationHandler),
                typeof(SocketsHttpHandler));
    }

    [Fact]
    public async Task StandardResilienceHandler_ReplacesBuiltInRetry()
    {
        var services = new ServiceCollection();
        services.AddConversionClient(options =>
            {
                Configure(options, "ctf_sk_default");
                options.MaxRetryAttempts = 0;
            })
            .AddStandardResilienceHandler(options =>
            {
                options.Retry.Delay = TimeSpan.FromMilliseconds(10);
                options.Retry.BackoffType = DelayBackoffType.Constant;
                options.Retry.UseJitter = false;
            });
        await using var provider = services.BuildServiceProvider();
        _api.ServeSequence(
            Request.Create().WithPath("/v1/jobs/job-1").UsingGet(),
            Responses.Json(503, "{}"),
            Responses.Json(500, "{}"),
            Responses.Json(200, Responses.JobJson("job-1", "queued")));

        var job = await provider.GetRequiredService<IConversionClient>().GetJobAsync("job-1");

        job.Status.Should().Be(JobStatus.Queued);
        _api.Requests.Should().HaveCount(3);
        _api.Requests.Should().OnlyContain(entry => entry.Header("Authorization") == "Bearer ctf_sk_default");
    }

    [Fact]
    public async Task ReloadedApiKey_IsUsedWithoutRestart()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ApiKey"] = "ctf_sk_before",
            ["BaseAddress"] = _api.Url.AbsoluteUri,
        }).Build();
        var services = new ServiceCollection();
        services.AddConversionClient(configuration);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IConversionClient>();
        await client.GetUsageAsync();

        configuration["ApiKey"] = "ctf_sk_after";
        configuration.Reload();
        await client.GetUsageAsync();

        _api.Requests.Select(entry => entry.Header("Authorization")).Should()
            .Equal("Bearer ctf_sk_before", "Bearer ctf_sk_after");
    }

    [Fact]
    public async Task EnvironmentVariable_SuppliesMissingKey()
    {
        var previous = Environment.GetEnvironmentVariable(ConversionClientOptions.ApiKeyEnvironmentVariable);
        Environment.SetEnvironmentVariable(
            ConversionClientOptions.ApiKeyEnvironmentVariable, "ctf_sk_from_environment");
        try
        {
            var services = new ServiceCollection();
            services.AddConversionClient(options => options.BaseAddress = _api.Url);
            await using var provider = services.BuildServiceProvider();

            await provider.GetRequiredService<IConversionClient>().GetUsageAsync();
        }
        finally
        {
            Environment.SetEnvironmentVariable(ConversionClientOptions.ApiKeyEnvironmentVariable, previous);
        }

        _api.SingleRequest().Header("Authorization").Should().Be("Bearer ctf_sk_from_environment");
    }

    [Fact]
    public async Task UserAgentSuffix_IsAppended()
    {
        var services = new ServiceCollection();
        services.AddConversionClient(options =>
        {
            Configure(options, "ctf_sk_default");
            options.UserAgentSuffix = "MyApp/1.2";
        });
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IConversionClient>().GetUsageAsync();

        _api.SingleRequest().Header("User-Agent")
            .Should().MatchRegex(@"^ChangeThisFile\.Client/\d+\.\d+\.\d+ MyApp/1\.2$");
    }

    private void Configure(ConversionClientOptions options, string apiKey)
    {
        options.BaseAddress = _api.Url;
        options.ApiKey = apiKey;
    }
}
