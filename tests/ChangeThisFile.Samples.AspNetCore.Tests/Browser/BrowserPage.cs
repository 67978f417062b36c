using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChangeThisFile.Samples.AspNetCore.Tests.Browser;

/// <summary>One tab of <see cref="HeadlessChromium"/>, attached through a flat DevTools session.</summary>
internal sealed class BrowserPage(DevToolsConnection connection, string sessionId)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public Task<JsonElement> SendAsync(string method, JsonObject? parameters = null) =>
        connection.SendAsync(method, parameters, sessionId);

    public Task NavigateAsync(Uri url) => SendAsync("Page.navigate", new JsonObject { ["url"] = url.AbsoluteUri });

    /// <summary>Evaluates a script expression, awaiting a promise, and returns its value as JSON.</summary>
    /// <exception cref="InvalidOperationException">The script threw.</exception>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject
        {
            ["expression"] = expression,
            ["awaitPromise"] = true,
            ["returnByValue"] = true,
        });
        if (result.TryGetProperty("exceptionDetails", out var failure))
        {
            throw new InvalidOperationException($"The script '{expression}' threw: {failure.GetRawText()}");
        }

        var value = result.GetProperty("result");
        return value.TryGetProperty("value", out var plain) ? plain.Clone() : default;
    }

    /// <summary>Polls a script expression until it is true.</summary>
    /// <exception cref="TimeoutException">It was not true within <paramref name="timeout"/>.</exception>
    public async Task WaitUntilAsync(string expression, TimeSpan timeout)
    {
        using var guard = new CancellationTokenSource(timeout);
        while (true)
        {
            var value = await EvaluateAsync(expression);
            if (value.ValueKind == JsonValueKind.True)
            {
                return;
            }

            try
            {
                await Task.Delay(PollInterval, guard.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"'{expression}' was not true within {timeout}.");
            }
        }
    }

    /// <summary>Gives a file input the file at <paramref name="path"/>, as if the user picked it.</summary>
    public async Task SetFileAsync(string selector, string path)
    {
        var input = await SendAsync("Runtime.evaluate", new JsonObject
        {
            ["expression"] = $"document.querySelector({JsonSerializer.Serialize(selector)})",
        });
        await SendAsync("DOM.setFileInputFiles", new JsonObject
        {
            ["files"] = new JsonArray(path),
            ["objectId"] = input.GetProperty("result").GetProperty("objectId").GetString(),
        });
    }

    /// <summary>Captures the visible page as PNG bytes.</summary>
    public async Task<byte[]> ScreenshotAsync()
    {
        var shot = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" });
        return Convert.FromBase64String(shot.GetProperty("data").GetString()!);
    }
}
