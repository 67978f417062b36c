namespace ChangeThisFile.Emulator.Tests;

public sealed class RouteTableTests
{
    [Fact]
    public void All_ListsTwentyFiveDistinctRoutes()
    {
        EmulatorRoutes.All.Should().HaveCount(25);
        EmulatorRoutes.All.Should().OnlyHaveUniqueItems();
        EmulatorRoutes.All.Should().NotContain(route => route.Source == route.Target);
    }

    [Theory]
    [InlineData("csv", "yaml", true)]
    [InlineData("YML", "Json", true)]
    [InlineData(".jpeg", "png", true)]
    [InlineData("markdown", "html", true)]
    [InlineData("html", "md", false)]
    [InlineData("png", "png", false)]
    [InlineData("csv", "png", false)]
    [InlineData("pdf", "docx", false)]
    public void IsSupported_Pair_MatchesTable(string source, string target, bool expected)
    {
        EmulatorRoutes.IsSupported(source, target).Should().Be(expected);
    }

    [Fact]
    public void Route_ToString_UsesDetailsForm()
    {
        new EmulatorRoute("png", "webp").ToString().Should().Be("png->webp");
    }
}
