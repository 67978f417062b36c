namespace ChangeThisFile.Client.Testing.Servers;

/// <summary>
/// One server per test process, shared by every test class that uses it: started by the first
/// lease and stopped when the last lease is released.
/// </summary>
/// <typeparam name="T">The running server's description.</typeparam>
public sealed class SharedServer<T>(Func<Task<(T Value, IAsyncDisposable? Owner)>> start)
    where T : class
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _leases;
    private T? _value;
    private IAsyncDisposable? _owner;

    /// <summary>Returns the running server, starting it when no lease is held.</summary>
    public async Task<T> AcquireAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_value is null)
            {
                (_value, _owner) = await start();
            }

            _leases++;
            return _value;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Releases one lease and stops the server after the last one.</summary>
    public async Task ReleaseAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (--_leases > 0)
            {
                return;
            }

            if (_owner is not null)
            {
                await _owner.DisposeAsync();
            }

            (_value, _owner) = (null, null);
        }
        finally
        {
            _gate.Release();
        }
    }
}
