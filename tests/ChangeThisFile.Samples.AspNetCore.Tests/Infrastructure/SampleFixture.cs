namespace ChangeThisFile.Samples.AspNetCore.Tests.Infrastructure;

/// <summary>One running sample shared by the tests of a class; each test uses its own file ids.</summary>
public sealed class SampleFixture : IAsyncLifetime
{
    private RunningSample? _sample;

    internal RunningSample Sample => _sample ?? throw new InvalidOperationException("The sample has not started.");

    public async Task InitializeAsync() => _sample = await RunningSample.StartAsync();

    public async Task DisposeAsync()
    {
        if (_sample is not null)
        {
            await _sample.DisposeAsync();
        }
    }
}
