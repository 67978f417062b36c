using ChangeThisFile.Samples.AspNetCore.Tests.Infrastructure;

namespace ChangeThisFile.Samples.AspNetCore.Tests.Browser;

/// <summary>One running sample and one headless Chromium, shared by the page tests.</summary>
public sealed class PageFixture : IAsyncLifetime
{
    private RunningSample? _sample;
    private HeadlessChromium? _browser;

    internal RunningSample Sample => _sample ?? throw new InvalidOperationException("The sample has not started.");

    internal HeadlessChromium Browser => _browser ?? throw new InvalidOperationException("Chromium has not started.");

    public async Task InitializeAsync()
    {
        try
        {
            _browser = await HeadlessChromium.LaunchAsync();
            _sample = await RunningSample.StartAsync();
        }
        catch
        {
            // Stop the browser at once when the sample cannot start.
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the browser and the sample; safe to call more than once.</summary>
    public async Task DisposeAsync()
    {
        if (_browser is { } browser)
        {
            _browser = null;
            await browser.DisposeAsync();
        }

        if (_sample is { } sample)
        {
            _sample = null;
            await sample.DisposeAsync();
        }
    }
}
