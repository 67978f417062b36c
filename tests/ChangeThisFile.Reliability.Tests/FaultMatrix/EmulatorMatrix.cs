using System.Net;
using ChangeThisFile.Client;
using ChangeThisFile.Reliability.Tests.Infrastructure;

namespace ChangeThisFile.Reliability.Tests.FaultMatrix;

/// <summary>
/// Runs and checks a cell of a matrix whose server is the emulator; attempts are counted as the
/// client sent them.
/// </summary>
public static class EmulatorMatrix
{
    public static async Task<(string? Summary, Exception? Error)> RunAsync(
        MatrixClient client, TestClock clock, ApiCall call, CallTargets targets, Func<int>? hangsStarted = null)
    {
        try
        {
            var summary = await clock.DriveAsync(
                () => ApiCalls.InvokeAsync(client.Client, call, targets), hangsStarted);
            return (summary, null);
        }
        catch (OperationHungException)
        {
            throw;
        }
        catch (Exception exception)
        {
            return (null, exception);
        }
    }

    public static void CheckOutcome(
        Outcome expected, string? summary, Exception? error, MatrixClient client, int? status = null)
    {
        switch (expected)
        {
            case Outcome.Retried or Outcome.Succeeded:
                error.Should().BeNull();
                summary.Should().NotBeNullOrEmpty();
                break;
            case Outcome.ApiError:
                error.Should().BeOfType<ConversionApiException>().Which.StatusCode.Should().Be((HttpStatusCode)status!);
                break;
            case Outcome.ConnectionError:
                error.Should().BeAssignableTo<HttpRequestException>();
                break;
            default:
                throw new ArgumentOutOfRangeException(
                    nameof(expected), expected, "Not an outcome of the emulator matrix.");
        }

        foreach (var text in new[] { error?.ToString() ?? string.Empty, client.AllLogText() })
        {
            text.Should().NotContain(client.ConfiguredApiKey);
        }
    }

    public static void CheckAttempts(ApiCall call, Outcome expected, MatrixClient client, string jobId)
    {
        var endpoint = ApiCalls.Endpoint(call, jobId);
        var attempts = client.Attempts
            .Where(attempt => attempt.Endpoint == endpoint)
            .Where(attempt => !attempt.Url.Query.Contains("cursor=", StringComparison.Ordinal))
            .ToList();

        attempts.Should().HaveCount(expected == Outcome.Retried ? 2 : 1);
        var keys = attempts.Select(attempt => attempt.IdempotencyKey).Distinct().ToList();
        keys.Should().ContainSingle();
        (keys[0] is not null).Should().Be(ApiCalls.SendsIdempotencyKey(call));
    }
}
