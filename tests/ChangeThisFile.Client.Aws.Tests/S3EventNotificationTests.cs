namespace ChangeThisFile.Client.Aws.Tests;

public sealed class S3EventNotificationTests
{
    [Theory]
    [InlineData("uploads/My+File+%5B1%5D+%28copy%29%27s+%E2%9C%93.pdf", "uploads/My File [1] (copy)'s ✓.pdf")]
    [InlineData("uploads/My+File+%5B1%5D+(copy)%27s+%E2%9C%93.pdf", "uploads/My File [1] (copy)'s ✓.pdf")]
    [InlineData("a%2Bb+c.txt", "a+b c.txt")]
    [InlineData("percent%2520literal.txt", "percent%20literal.txt")]
    [InlineData("%E6%97%A5%E6%9C%AC%E8%AA%9E.docx", "日本語.docx")]
    [InlineData("plain/key.pdf", "plain/key.pdf")]
    [InlineData("broken%ZZescape.pdf", "broken%ZZescape.pdf")]
    public void DecodeKey_NotificationForm_ReturnsStoredKey(string encoded, string expected)
    {
        S3EventNotification.DecodeKey(encoded).Should().Be(expected);
    }

    [Fact]
    public void Parse_PutEvent_ReadsEveryField()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "s3-put-event.json"));

        var objectEvent = S3EventNotification.Parse(json).Should().ContainSingle().Subject;

        objectEvent.EventName.Should().Be("ObjectCreated:Put");
        objectEvent.BucketName.Should().Be("BUCKET");
        objectEvent.Key.Should().Be("uploads/My File [1] (copy)'s ✓.pdf");
        objectEvent.Size.Should().Be(10000);
        objectEvent.EventTime.Should().Be(new DateTimeOffset(2026, 12, 4, 9, 15, 2, 123, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"b\"}")]
    [InlineData("{\"Records\":[]}")]
    [InlineData("{\"Records\":\"not an array\"}")]
    [InlineData(
        "{\"Records\":[1,\"x\",null,{\"s3\":5},{\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":7}}}]}")]
    public void Parse_NoUsableRecord_ReturnsEmpty(string json)
    {
        S3EventNotification.Parse(json).Should().BeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"Records\":[")]
    public void Parse_NotAJsonObject_ThrowsFormatException(string json)
    {
        var act = () => S3EventNotification.Parse(json);

        act.Should().Throw<FormatException>().WithMessage("*S3 event notification*");
    }
}
