using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace ChangeThisFile.Reliability.Tests.Infrastructure;

/// <summary>
/// WireMock.Net on 127.0.0.1 serving a <see cref="FakeApi"/> through one catch-all callback, so
/// every request is recorded with its fake arrival time before the fault rule picks its response.
/// </summary>
public sealed class WireMockApi : IDisposable
{
    private readonly WireMockServer _server;

    public WireMockApi()
    {
        _server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        Api = new FakeApi(new Uri(_server.Urls[0].TrimEnd('/') + "/"));
        _server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithCallback(message => Answer(Api.Handle(ToRawRequest(message)))));
    }

    public FakeApi Api { get; }

    public void Dispose() => _server.Dispose();

    private static RawRequest ToRawRequest(IRequestMessage message)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in message.Headers ?? new Dictionary<string, WireMockList<string>>())
        {
            headers[name] = string.Join(", ", values);
        }

        var query = message.RawQuery?.TrimStart('?');
        var target = string.IsNullOrEmpty(query) ? message.Path : message.Path + "?" + query;
        return new RawRequest(message.Method, target, headers, message.BodyAsBytes ?? []);
    }

    private static ResponseMessage Answer(ServerAction action)
    {
        if (action.Kind != ServerActionKind.Respond)
        {
            throw new NotSupportedException($"WireMock cannot perform {action.Kind}; use the raw socket server.");
        }

        var response = new ResponseMessage
        {
            StatusCode = action.Reply.Status,
            BodyData = new BodyData { BodyAsBytes = action.Reply.Body, DetectedBodyType = BodyType.Bytes },
        };
        foreach (var (name, value) in action.Reply.Headers)
        {
            response.AddHeader(name, value);
        }

        return response;
    }
}
