namespace ChangeThisFile.Reliability.Tests.Infrastructure;

/// <summary>A <see cref="FakeApi"/> served by a <see cref="RawHttpServer"/>.</summary>
public sealed class RawApiServer : IAsyncDisposable
{
    public RawApiServer()
    {
        FakeApi? api = null;
        Server = new RawHttpServer(request => api!.Handle(request));
        api = new FakeApi(Server.BaseAddress);
        Api = api;
    }

    public RawHttpServer Server { get; }

    public FakeApi Api { get; }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
