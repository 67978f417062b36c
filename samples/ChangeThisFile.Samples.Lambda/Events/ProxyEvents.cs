using System.Text.Json;

namespace ChangeThisFile.Samples.Lambda.Events;

/// <summary>Reads API Gateway proxy requests in either payload format and writes the matching response.</summary>
public static class ProxyEvents
{
    /// <summary>Reads a proxy request, telling the formats apart by the top-level <c>version</c> field.</summary>
    /// <param name="utf8Json">The invocation event.</param>
    /// <returns>The request.</returns>
    /// <exception cref="FormatException">
    /// The event is not a JSON object, so not an API Gateway proxy request.
    /// </exception>
    public static ProxyRequest ReadRequest(ReadOnlyMemory<byte> utf8Json)
    {
        try
        {
            return ReadVersion(utf8Json.Span) == "2.0" ? ReadHttpApi(utf8Json) : ReadRestApi(utf8Json);
        }
        catch (JsonException exception)
        {
            throw new FormatException(
                "The invocation event is not an API Gateway proxy request: the JSON is invalid at line " +
                $"{exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}. Connect this function " +
                "to an API Gateway route with Lambda proxy integration.",
                exception);
        }
    }

    /// <summary>Writes a response in the payload format of the request.</summary>
    /// <param name="format">The request's payload format.</param>
    /// <param name="result">The status, headers and JSON body.</param>
    /// <returns>The response event, positioned at the start.</returns>
    public static Stream WriteResponse(ProxyFormat format, ProxyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var headers = new Dictionary<string, string>(result.Headers, StringComparer.OrdinalIgnoreCase)
        {
            ["content-type"] = "application/json; charset=utf-8",
        };
        var output = new MemoryStream();
        if (format == ProxyFormat.HttpApi)
        {
            var response = new ApiGatewayHttpApiResponse
            {
                StatusCode = result.StatusCode,
                Headers = headers,
                Body = result.Body,
            };
            JsonSerializer.Serialize(output, response, LambdaJsonContext.Default.ApiGatewayHttpApiResponse);
        }
        else
        {
            var response = new ApiGatewayRestApiResponse
            {
                StatusCode = result.StatusCode,
                Headers = headers,
                Body = result.Body,
            };
            JsonSerializer.Serialize(output, response, LambdaJsonContext.Default.ApiGatewayRestApiResponse);
        }

        output.Position = 0;
        return output;
    }

    private static ProxyRequest ReadHttpApi(ReadOnlyMemory<byte> utf8Json)
    {
        var request = JsonSerializer.Deserialize(utf8Json.Span, LambdaJsonContext.Default.ApiGatewayHttpApiRequest)
            ?? throw new FormatException("The invocation event is JSON null, not an API Gateway proxy request.");
        var headers = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        AddHeaders(headers, request.Headers);
        return new ProxyRequest(
            ProxyFormat.HttpApi,
            request.RequestContext?.Http?.Method?.ToUpperInvariant(),
            headers,
            request.PathParameters,
            request.Body,
            request.IsBase64Encoded);
    }

    private static ProxyRequest ReadRestApi(ReadOnlyMemory<byte> utf8Json)
    {
        var request = JsonSerializer.Deserialize(utf8Json.Span, LambdaJsonContext.Default.ApiGatewayRestApiRequest)
            ?? throw new FormatException("The invocation event is JSON null, not an API Gateway proxy request.");
        var headers = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        if (request.MultiValueHeaders is { Count: > 0 } multiValue)
        {
            // The multi-value map is a superset of the single-value one, which keeps only the last value.
            foreach (var (name, values) in multiValue)
            {
                foreach (var value in values ?? [])
                {
                    AddHeader(headers, name, value);
                }
            }
        }
        else
        {
            AddHeaders(headers, request.Headers);
        }

        return new ProxyRequest(
            ProxyFormat.RestApi,
            (request.HttpMethod ?? request.RequestContext?.HttpMethod)?.ToUpperInvariant(),
            headers,
            request.PathParameters,
            request.Body,
            request.IsBase64Encoded);
    }

    private static void AddHeaders(Dictionary<string, List<string>> headers, Dictionary<string, string?>? source)
    {
        foreach (var (name, value) in source ?? [])
        {
            AddHeader(headers, name, value);
        }
    }

    /// <summary>Adds a value; names that differ only in case collect into one header with several values.</summary>
    private static void AddHeader(Dictionary<string, List<string>> headers, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (!headers.TryGetValue(name, out var values))
        {
            values = [];
            headers[name] = values;
        }

        values.Add(value);
    }

    /// <summary>Returns the top-level <c>version</c> string without deserializing the event.</summary>
    private static string? ReadVersion(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new FormatException(
                "The invocation event is not a JSON object, so not an API Gateway proxy request. Connect this " +
                "function to an API Gateway route with Lambda proxy integration.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isVersion = reader.ValueTextEquals("version"u8);
            reader.Read();
            if (isVersion)
            {
                return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }

            reader.Skip();
        }

        return null;
    }
}
