using System.Net;
using System.Text;
using System.Text.Json;
using ChangeThisFile.Emulator.Tests.Infrastructure;

namespace ChangeThisFile.Emulator.Tests;

public sealed class DataConversionTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    public static TheoryData<string, string> DataRoutes()
    {
        var routes = new TheoryData<string, string>();
        foreach (var route in EmulatorRoutes.All.Where(route => route.Source is "csv" or "tsv" or "json" or "yaml"))
        {
            routes.Add(route.Source, route.Target);
        }

        return routes;
    }

    [Theory]
    [MemberData(nameof(DataRoutes))]
    public async Task Convert_DataRoute_KeepsEveryRowAndCell(string source, string target)
    {
        var rows = source == "tsv" || target == "tsv" ? TableData.TsvSafeRows : TableData.Rows;
        using var api = EmulatorApi.For(fixture.Emulator);

        using var response = await api.ConvertAsync(TableData.Input(source, rows), "people." + source, target);

        var output = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, Encoding.UTF8.GetString(output));
        var parsed = TableData.Parse(target, output);
        parsed.Should().BeEquivalentTo(TableData.Expected(rows), options => options.WithStrictOrdering());
    }

    [Fact]
    public async Task Convert_CsvToJson_KeepsHeaderOrder()
    {
        using var api = EmulatorApi.For(fixture.Emulator);

        using var response = await api.ConvertAsync("b,a\n1,true\n"u8.ToArray(), "t.csv", "json");

        var text = await response.Content.ReadAsStringAsync();
        var firstRow = JsonDocument.Parse(text).RootElement[0].GetRawText();
        firstRow.Should().Be("{\n    \"b\": \"1\",\n    \"a\": \"true\"\n  }");
    }

    [Fact]
    public async Task Convert_YamlToJson_ResolvesCoreSchemaScalars()
    {
        var yaml = """
            - int: 42
              hex: 0x1F
              float: 2.5
              yes: true
              none: null
              quoted: "042"
              word: hello

            """u8.ToArray();
        using var api = EmulatorApi.For(fixture.Emulator);

        using var response = await api.ConvertAsync(yaml, "t.yaml", "json");

        var row = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement[0];
        row.GetProperty("int").GetInt32().Should().Be(42);
        row.GetProperty("hex").GetInt32().Should().Be(31);
        row.GetProperty("float").GetDouble().Should().Be(2.5);
        row.GetProperty("yes").GetBoolean().Should().BeTrue();
        row.GetProperty("none").ValueKind.Should().Be(JsonValueKind.Null);
        row.GetProperty("quoted").GetString().Should().Be("042");
        row.GetProperty("word").GetString().Should().Be("hello");
    }

    [Fact]
    public async Task Convert_JsonToYaml_QuotesTypedLookingStrings()
    {
        var json = """{"zip":"042","flag":"true","empty":"","number":7,"nested":{"list":[1,"no"]}}"""u8.ToArray();
        using var api = EmulatorApi.For(fixture.Emulator);

        using var toYaml = await api.ConvertAsync(json, "t.json", "yaml");
        using var back = await api.ConvertAsync(await toYaml.Content.ReadAsByteArrayAsync(), "t.yaml", "json");

        var root = JsonDocument.Parse(await back.Content.ReadAsStringAsync()).RootElement;
        root.GetProperty("zip").GetString().Should().Be("042");
        root.GetProperty("flag").GetString().Should().Be("true");
        root.GetProperty("empty").GetString().Should().Be(string.Empty);
        root.GetProperty("number").GetInt32().Should().Be(7);
        root.GetProperty("nested").GetProperty("list")[1].GetString().Should().Be("no");
    }

    [Fact]
    public async Task Convert_NestedJsonToCsv_WritesJsonCells()
    {
        var json = """[{"id":1,"tags":["a","b"],"extra":null},{"id":2,"more":true}]"""u8.ToArray();
        using var api = EmulatorApi.For(fixture.Emulator);

        using var response = await api.ConvertAsync(json, "t.json", "csv");

        var text = await response.Content.ReadAsStringAsync();
        text.Should().Be("id,tags,extra,more\r\n1,\"[\"\"a\"\",\"\"b\"\"]\",,\r\n2,,,true\r\n");
    }

    [Theory]
    [InlineData("t.json", "csv", "{not json", "not valid JSON")]
    [InlineData("t.json", "csv", "{\"a\":1}", "array of row objects")]
    [InlineData("t.csv", "json", "a,b\n1,2,3\n", "Row 1 has 3 fields but the header has 2")]
    [InlineData("t.csv", "json", "a,a\n1,2\n", "column 'a' twice")]
    [InlineData("t.csv", "json", "a\n\"open\n", "not closed")]
    [InlineData("t.yaml", "json", "a: 1\n---\nb: 2\n", "more than one YAML document")]
    [InlineData("t.yaml", "json", "a: [1, 2\n", "not valid YAML")]
    [InlineData("t.json", "tsv", "[{\"a\":\"x\\ty\"}]", "TSV cannot represent")]
    public async Task Convert_InvalidData_Returns422ConversionFailed(
        string fileName, string target, string input, string reason)
    {
        using var api = EmulatorApi.For(fixture.Emulator);

        using var response = await api.ConvertAsync(Encoding.UTF8.GetBytes(input), fileName, target);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var error = await EmulatorApi.ErrorAsync(response);
        error.Code.Should().Be("conversion_failed");
        error.Message.Should().Contain(reason);
    }

    [Fact]
    public async Task Convert_YamlAliasBomb_FailsWithoutExpanding()
    {
        var yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (var level = 'b'; level <= 'k'; level++)
        {
            var previous = (char)(level - 1);
            yaml.Append(level).Append(": &").Append(level).Append(" [")
                .AppendJoin(", ", Enumerable.Repeat("*" + previous, 10)).Append("]\n");
        }

        using var api = EmulatorApi.For(fixture.Emulator);

        using var response = await api.ConvertAsync(Encoding.UTF8.GetBytes(yaml.ToString()), "bomb.yaml", "json");

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await EmulatorApi.ErrorAsync(response)).Message.Should().Contain("more than 1000000 values");
    }

    [Fact]
    public async Task Convert_DeeplyNestedYaml_FailsWithDepthError()
    {
        var yaml = new string('[', 5000) + new string(']', 5000);
        using var api = EmulatorApi.For(fixture.Emulator);

        using var response = await api.ConvertAsync(Encoding.UTF8.GetBytes(yaml), "deep.yaml", "json");

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await EmulatorApi.ErrorAsync(response)).Message.Should().Contain("deeper than 128 levels");
    }

    [Fact]
    public async Task Convert_EmptyCsv_ReturnsEmptyJsonArray()
    {
        using var api = EmulatorApi.For(fixture.Emulator);

        using var response = await api.ConvertAsync([], "empty.csv", "json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetArrayLength().Should().Be(0);
    }
}
