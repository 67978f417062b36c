using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
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

    /// <summary>Answers matching requests with the responses in order; the last one repeats.</summary>
    public void ServeSequence(IRequestBuilder request, params IResponseBuilder[] responses)
    {
        var scenario = Guid.NewGuid().ToString("N");
        for (var i = 0; i < responses.Length; i++)
        {
            var mapping = Server.Given(request).InScenario(scenario);
            if (i > 0)
            {
                mapping = mapping.WhenStateIs(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (i < responses.Length - 1)
            {
                mapping = mapping.WillSetStateTo((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            mapping.RespondWith(responses[i]);
        }
    }

    public void Dispose() => Server.Dispose();
}
