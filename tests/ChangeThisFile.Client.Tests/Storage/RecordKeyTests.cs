using ChangeThisFile.Client.Storage;

namespace ChangeThisFile.Client.Tests.Storage;

public sealed class RecordKeyTests
{
    [Theory]
    [InlineData("f_2f1c")]
    [InlineData("a/b#c?d%e")]
    [InlineData("ü ✓")]
    public void IsValid_PrintableId_ReturnsTrue(string id)
    {
        RecordKey.IsValid(id).Should().BeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("tab\tid")]
    public void IsValid_UnstorableId_ReturnsFalse(string? id)
    {
        RecordKey.IsValid(id).Should().BeFalse();
    }

    [Fact]
    public void Validate_TooLong_NamesLengthAndMaximum()
    {
        var act = () => RecordKey.Validate(new string('a', 129));

        act.Should().Throw<ArgumentException>().WithMessage("*129 characters*maximum is 128*");
    }
}
