using System.Net;
using System.Net.Http.Headers;
using ChangeThisFile.Emulator.Tests.Infrastructure;

namespace ChangeThisFile.Emulator.Tests;

public sealed class ConvertEndpointTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Convert_Png_ReturnsDocumentedHeaders()
    {
        using var api = EmulatorApi.For(fixture.Emulator);

        using var response = await api.ConvertAsync(TestImages.Encode("png"), "diagram.png", "webp", ("quality", "80"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("image/webp");
        var disposition = response.Content.Headers.GetValues("Content-Disposition").Single();
        disposition.Should().Be("attachment; filename=\"diagram.webp\"");
        response.Headers.GetValues("X-Conversion-Time").Single().Should().MatchRegex("^[0-9]+ms$");
        response.Headers.GetValues("X-RateLimit-Limit").Single().Should().Be("1000");
        response.Headers.Contains("X-RateLimit-Remaining").Should().BeTrue();
        response.Headers.GetValues("X-RateLimit-Reset").Single().Should().MatchRegex("^[0-9]{10}$");
    }

    [Fact]
    public async Task Convert_NonAsciiName_SendsFileNameStar()
    {
        using var api = EmulatorApi.For(fixture.Emulator);

        using var response = await api.ConvertAsync("a\n1\n"u8.ToArray(), "Résumé – 新建 (1).csv", "json");

        var disposition = response.Content.Headers.ContentDisposition!;
        disposition.FileNameStar.Should().Be("Résumé – 新建 (1).json");
        disposition.FileName.Should().Be("R_sum_ _ __ (1).json");
    }

    [Theory]
    [InlineData("report%20%22final%22.csv", "report \"final\".json", "report _final_.json")]
    [InlineData("evil%22%3B%20name%3D%22x.csv", "evil\"; name=\"x.json", "evil_; name=_x.json")]
    [InlineData("a%0D%0Ab.csv", "ab.json", "ab.json")]
    public async Task Convert_HostileFileName_IsKeptSafeInHeader(
        string encoded, string expectedName, string expectedFallback)
    {
        using var api = EmulatorApi.For(fixture.Emulator);
        var body = "--b\r\nContent-Disposition: form-data; name=\"target\"\r\n\r\njson\r\n"
            + $"--b\r\nContent-Disposition: form-data; name=\"file\"; filename*=UTF-8''{encoded}\r\n\r\n"
            + "a\n1\n\r\n--b--\r\n";
        var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");

        using var response = await api.PostAsync("/v1/convert", content);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var disposition = response.Content.Headers.ContentDisposition!;
        disposition.DispositionType.Should().Be("attachment");
        var names = disposition.Parameters.Select(p => p.Name);
        names.Should().BeSubsetOf(["filename", "filename*"], "no parameter may be injected");
        (disposition.FileNameStar ?? disposition.FileName).Should().Be(expectedName);
        disposition.FileName!.Trim('"').Should().Be(expectedFallback);
    }

    [Fact]
    public async Task Convert_ExtensionlessUploadWithSource_UsesSourceField()
    {
        using var api = EmulatorApi.For(fixture.Emulator);

        using var response = await api.ConvertAsync("a,b\n1,2\n"u8.ToArray(), "export", "tsv", ("source", "CSV"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("a\tb\n1\t2\n");
        response.Content.Headers.ContentDisposition!.FileName.Should().Be("export.tsv");
    }

    [Fact]
    public async Task Convert_ExtensionlessImage_DetectsFormatFromMagicBytes()
    {
        using var api = EmulatorApi.For(fixture.Emulator);

        using var response = await api.ConvertAsync(TestImages.Encode("jpg"), "upload", "png");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
    }

    [Theory]
    [InlineData("target", null, "The 'target' field is required.")]
    [InlineData("target", "we bp", "is not a file extension")]
    [InlineData("quality", "0", "The 'quality' value '0' is invalid")]
    [InlineData("quality", "high", "send an integer from 1 to 100")]
    [InlineData("file_url", "http://127.0.0.1/x.png", "submit a 'file_url' with POST /v1/jobs")]
    public async Task Convert_InvalidField_Returns400NamingField(string field, string? value, string message)
    {
        var fields = new List<(string, string)> { ("target", "jpg") };
        fields.RemoveAll(pair => pair.Item1 == field);
        if (value is not null)
        {
            fields.Add((field, value));
        }

        using var api = EmulatorApi.For(fixture.Emulator);

        var form = EmulatorApi.Form(TestImages.Encode("png"), "a.png", [.. fields]);

        using var response = await api.PostAsync("/v1/convert", form);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = await EmulatorApi.ErrorAsync(response);
        error.Code.Should().Be("bad_request");
        error.Message.Should().Contain(message);
    }

    [Fact]
    public async Task Convert_MissingFile_Returns400()
    {
        using var api = EmulatorApi.For(fixture.Emulator);

        using var response = await api.PostAsync("/v1/convert", EmulatorApi.Form(null, null, ("target", "png")));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await EmulatorApi.ErrorAsync(response)).Message.Should().Be("The 'file' part is required.");
    }

    [Fact]
    public async Task Convert_UnsupportedPair_Returns422WithRoute()
    {
        using var api = EmulatorApi.For(fixture.Emulator);

        using var response = await api.ConvertAsync("x"u8.ToArray(), "a.xyz", "webp");

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var error = await EmulatorApi.ErrorAsync(response);
        error.Code.Should().Be("unsupported_route");
        error.Message.Should().Be("Converting xyz to webp is not supported.");
        error.Details!.Value.GetProperty("route").GetString().Should().Be("xyz->webp");
    }

    [Fact]
    public async Task Convert_UndetectableSource_Returns400AskingForSource()
    {
        using var api = EmulatorApi.For(fixture.Emulator);

        using var response = await api.ConvertAsync("plain words"u8.ToArray(), "notes", "json");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await EmulatorApi.ErrorAsync(response)).Message.Should().Contain("send the 'source' field");
    }

    [Fact]
    public async Task Convert_MalformedMultipart_Returns400()
    {
        using var api = EmulatorApi.For(fixture.Emulator);
        var truncated = "--b\r\nContent-Disposition: form-data; name=\"target\"\r\n\r\npng"u8.ToArray();
        var content = new ByteArrayContent(truncated);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");

        using var response = await api.PostAsync("/v1/convert", content);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await EmulatorApi.ErrorAsync(response)).Code.Should().Be("bad_request");
    }

    [Fact]
    public async Task Convert_TwoFileParts_Returns400()
    {
        using var api = EmulatorApi.For(fixture.Emulator);
        using var form = EmulatorApi.Form(TestImages.Encode("png"), "a.png", ("target", "jpg"));
        form.Add(new ByteArrayContent(TestImages.Encode("png")), "file", "b.png");

        using var response = await api.PostAsync("/v1/convert", form);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await EmulatorApi.ErrorAsync(response)).Message.Should().Contain("more than one 'file' part");
    }

    [Theory]
    [InlineData("/v1/jobs", "application/json", "application/x-www-form-urlencoded")]
    [InlineData("/v1/jobs", "text/plain", "application/x-www-form-urlencoded")]
    [InlineData("/v1/convert", "application/json", "multipart/form-data")]
    [InlineData("/v1/convert", "text/plain; charset=utf-8", "multipart/form-data")]
    public async Task Submit_FieldsInOtherContentType_Returns400NamingType(
        string path, string contentType, string accepted)
    {
        using var api = EmulatorApi.For(fixture.Emulator);
        var content = new StringContent("""{"target":"json","file_url":"http://127.0.0.1/a.csv"}""");
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        using var response = await api.PostAsync(path, content);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = await EmulatorApi.ErrorAsync(response);
        error.Code.Should().Be("bad_request");
        error.Message.Should().Contain($"The Content-Type '{contentType}' is not accepted");
        error.Message.Should().Contain(accepted);
        error.Message.Should().NotContain("'target' field is required");
    }

    [Fact]
    public async Task Convert_RawJsonBodyWithQueryFields_Converts()
    {
        using var api = EmulatorApi.For(fixture.Emulator);
        var content = new StringContent("""[{"a":1}]""");
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");

        using var response = await api.PostAsync("/v1/convert?target=csv&filename=rows.json", content);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("a\r\n1\r\n");
    }
}
