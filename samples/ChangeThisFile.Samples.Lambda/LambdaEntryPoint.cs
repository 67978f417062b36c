using ChangeThisFile.Samples.Lambda.Functions;
using ChangeThisFile.Samples.Lambda.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Samples.Lambda;

/// <summary>
/// Starts the program as a Lambda custom runtime: builds the services from environment variables,
/// validates the settings, selects the handler named by <c>_HANDLER</c>, and runs the loop. A
/// failure before the first invocation is posted to the Runtime API as an initialization error.
/// </summary>
public static partial class LambdaEntryPoint
{
    /// <summary>The environment variable with the function's handler setting.</summary>
    public const string HandlerVariable = "_HANDLER";

    /// <summary>Exit code when the settings or the handler name are invalid.</summary>
    public const int InitFailedExitCode = 1;

    /// <summary>Exit code when the program does not run under a Runtime API.</summary>
    public const int UsageExitCode = 2;

    /// <summary>Exit code when the Runtime API failed; Lambda then starts a new process.</summary>
    public const int RuntimeApiFailedExitCode = 3;

    /// <summary>Runs the runtime until the host stops.</summary>
    /// <param name="args">Command-line arguments, added to the configuration after environment variables.</param>
    /// <param name="runtimeApi">The Runtime API's <c>host:port</c>, from <c>AWS_LAMBDA_RUNTIME_API</c>.</param>
    /// <param name="handlerName">The handler name, from <c>_HANDLER</c>.</param>
    /// <param name="configure">Adds configuration sources after the command line; for tests.</param>
    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(
        string[] args, string? runtimeApi, string? handlerName, Action<IConfigurationBuilder>? configure = null)
    {
        Uri baseAddress;
        try
        {
            baseAddress = LambdaRuntimeClient.BaseAddressFor(runtimeApi);
        }
        catch (ArgumentException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message).ConfigureAwait(false);
            return UsageExitCode;
        }

        // No timeout: fetching the next invocation waits until one arrives.
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        var client = new LambdaRuntimeClient(http);
        using var host = BuildHost(args, configure);
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LambdaEntryPoint));
        try
        {
            if (await StartAsync(host, client, handlerName, logger).ConfigureAwait(false) is not { } runtime)
            {
                return InitFailedExitCode;
            }

            var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
            await runtime.RunAsync(lifetime.ApplicationStopping).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            Log.RuntimeApiFailed(logger, exception);
            return RuntimeApiFailedExitCode;
        }

        await host.StopAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>
    /// Validates the settings and selects the handler. When either fails, posts an initialization error.
    /// </summary>
    private static async Task<LambdaRuntime?> StartAsync(
        IHost host, LambdaRuntimeClient client, string? handlerName, ILogger logger)
    {
        ILambdaHandler handler;
        try
        {
            // Validating first keeps the host from logging the same failure again in StartAsync.
            host.Services.GetService<IStartupValidator>()?.Validate();
            await host.StartAsync().ConfigureAwait(false);
            handler = LambdaHandlers.Resolve(host.Services, handlerName);
        }
        catch (Exception exception) when (exception is not HttpRequestException)
        {
            var error = InitError(exception);
            if (exception is OptionsValidationException or AggregateException or ArgumentException)
            {
                Log.InvalidSettings(logger, error.ErrorMessage);
            }
            else
            {
                Log.InitFailed(logger, exception);
            }

            await client.SendInitErrorAsync(error, CancellationToken.None).ConfigureAwait(false);
            return null;
        }

        return new LambdaRuntime(
            client,
            handler,
            host.Services.GetRequiredService<TimeProvider>(),
            host.Services.GetRequiredService<ILogger<LambdaRuntime>>());
    }

    private static RuntimeError InitError(Exception exception) => exception switch
    {
        ArgumentException => new RuntimeError(exception.Message, "Runtime.NoSuchHandler"),
        AggregateException aggregate => new RuntimeError(
            string.Join(" ", aggregate.Flatten().InnerExceptions.Select(inner => inner.Message)),
            "Runtime.ConfigInvalid"),
        OptionsValidationException invalid => new RuntimeError(string.Join(" ", invalid.Failures), "Runtime.ConfigInvalid"),
        _ => new RuntimeError(exception.Message, exception.GetType().FullName ?? "Runtime.Unknown"),
    };

    private static IHost BuildHost(string[] args, Action<IConfigurationBuilder>? configure)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = args });
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args);
        configure?.Invoke(builder.Configuration);

        // One JSON object per line, so CloudWatch Logs Insights can query the fields.
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        builder.Services.AddSingleton(TimeProvider.System);
        LambdaServices.Configure(builder.Services, builder.Configuration);
        return builder.Build();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 110, Level = LogLevel.Critical,
            Message = "The function could not start; the error is posted to the Runtime API")]
        public static partial void InitFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 111, Level = LogLevel.Critical,
            Message = "The function's settings are invalid; the error is posted to the Runtime API: {Failures}")]
        public static partial void InvalidSettings(ILogger logger, string failures);

        [LoggerMessage(EventId = 112, Level = LogLevel.Critical,
            Message = "The Lambda Runtime API failed; the process exits so that Lambda starts a new one")]
        public static partial void RuntimeApiFailed(ILogger logger, Exception exception);
    }
}
