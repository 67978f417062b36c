using WireMock.Logging;
using WireMock.Server;
using WireMock.Settings;

namespace ChangeThisFile.Client.Tests.Infrastructure;

/// <summary>A WireMock stand-in for the ChangeThisFile API, bound to 127.0.0.1 on a free port.</summary>
public sealed class ApiServer : IDisposable
{
    public ApiServer()
    {
        Server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        Url = new Uri(Server.Urls[0].TrimEnd('/') + "/");
    }

    public WireMockServer Server { get; }

    /// <summary>The base address, ending with a slash.</summary>
    public Uri Url { get; }

    public IReadOnlyList<ILogEntry> Requests => Server.LogEntries.ToList();

    public ILogEntry SingleRequest() => Requests.Should().ContainSingle().Subject;

    public void Dispose() => Server.Dispose();
}
