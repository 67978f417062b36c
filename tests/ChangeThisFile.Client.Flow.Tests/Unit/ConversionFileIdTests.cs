namespace ChangeThisFile.Client.Flow.Tests.Unit;

public sealed class ConversionFileIdTests
{
    [Fact]
    public void New_ManyIds_AreWellFormedAndDistinct()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => ConversionFileId.New()).ToList();

        ids.Should().OnlyContain(id => id.Length == ConversionFileId.Length);
        ids.Should().OnlyContain(id => ConversionFileId.IsValid(id));
        ids.Should().OnlyHaveUniqueItems();
        ids.Should().OnlyContain(id => Uri.EscapeDataString(id) == id, "file ids need no escaping in URLs");
    }

    [Theory]
    [InlineData(null, "The file id is empty")]
    [InlineData("", "The file id is empty")]
    [InlineData("short", "has 5 characters; file ids have exactly 22")]
    [InlineData("AAAAAAAAAA/../AAAAAAAA", "contains '/' at position 10")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA\n", "contains '\\u000a' at position 21")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA=", "contains '=' at position 21")]
    public void TryValidate_Malformed_ExplainsWhy(string? fileId, string expected)
    {
        var valid = ConversionFileId.TryValidate(fileId, out var error);

        valid.Should().BeFalse();
        error.Should().Contain(expected);
    }

    [Fact]
    public void TryValidate_HugeValue_QuotesOnlyItsStart()
    {
        var huge = new string('x', 1_000_000);

        ConversionFileId.TryValidate(huge, out var error);

        error!.Length.Should().BeLessThan(300);
        error.Should().Contain("has 1000000 characters");
    }
}
