using System.Net;
using ChangeThisFile.Emulator.Tests.Infrastructure;
using SkiaSharp;

namespace ChangeThisFile.Emulator.Tests;

public sealed class ImageConversionTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    public static TheoryData<string, string> ImageRoutes()
    {
        var routes = new TheoryData<string, string>();
        foreach (var route in EmulatorRoutes.All.Where(route => route.Source is "png" or "jpg" or "webp" or "bmp"))
        {
            routes.Add(route.Source, route.Target);
        }

        return routes;
    }

    [Theory]
    [MemberData(nameof(ImageRoutes))]
    public async Task Convert_ImageRoute_KeepsSizeAndColors(string source, string target)
    {
        using var api = EmulatorApi.For(fixture.Emulator);

        using var response = await api.ConvertAsync(TestImages.Encode(source), "picture." + source, target);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var codec = SKCodec.Create(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        codec.Should().NotBeNull("the output must decode as an image");
        codec.EncodedFormat.Should().Be(target switch
        {
            "png" => SKEncodedImageFormat.Png,
            "jpg" => SKEncodedImageFormat.Jpeg,
            "webp" => SKEncodedImageFormat.Webp,
            _ => SKEncodedImageFormat.Bmp,
        });
        using var bitmap = SKBitmap.Decode(codec);
        bitmap.Width.Should().Be(TestImages.Width);
        bitmap.Height.Should().Be(TestImages.Height);
        var lossy = source is "jpg" or "webp" || target is "jpg" or "webp";
        bitmap.GetPixel(0, 1).ShouldBeNear(TestImages.Left, lossy ? 40 : 0, "left half");
        bitmap.GetPixel(5, 2).ShouldBeNear(TestImages.Right, lossy ? 40 : 0, "right half");
    }

    [Theory]
    [InlineData("jpg")]
    [InlineData("webp")]
    public async Task Convert_LowerQuality_ProducesSmallerLossyOutput(string target)
    {
        var photo = Noise();
        using var api = EmulatorApi.For(fixture.Emulator);

        using var low = await api.ConvertAsync(photo, "noise.png", target, ("quality", "10"));
        using var high = await api.ConvertAsync(photo, "noise.png", target, ("quality", "95"));

        var lowSize = (await low.Content.ReadAsByteArrayAsync()).Length;
        var highSize = (await high.Content.ReadAsByteArrayAsync()).Length;
        lowSize.Should().BeLessThan(highSize);
    }

    [Fact]
    public async Task Convert_TransparentPngToJpg_FillsWithWhite()
    {
        using var api = EmulatorApi.For(fixture.Emulator);

        var png = TestImages.Encode("png", transparentCorner: true);

        using var response = await api.ConvertAsync(png, "a.png", "jpg", ("quality", "100"));

        using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        bitmap.GetPixel(0, 0).ShouldBeNear(SKColors.White, 60, "transparent pixels lie over white");
    }

    [Fact]
    public async Task Convert_TransparentPngToBmp_KeepsAlpha()
    {
        using var api = EmulatorApi.For(fixture.Emulator);

        using var response = await api.ConvertAsync(TestImages.Encode("png", transparentCorner: true), "a.png", "bmp");

        using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        bitmap.GetPixel(0, 0).Alpha.Should().Be(0);
        bitmap.GetPixel(1, 0).ShouldBeNear(TestImages.Left, 0);
        bitmap.GetPixel(1, 0).Alpha.Should().Be(255);
    }

    [Theory]
    [InlineData("png")]
    [InlineData("jpg")]
    [InlineData("webp")]
    [InlineData("bmp")]
    public async Task Convert_UndecodableImage_Returns422ConversionFailed(string source)
    {
        using var api = EmulatorApi.For(fixture.Emulator);
        var target = source == "png" ? "webp" : "png";

        using var response = await api.ConvertAsync("this is not an image"u8.ToArray(), "broken." + source, target);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var error = await EmulatorApi.ErrorAsync(response);
        error.Code.Should().Be("conversion_failed");
        error.Message.Should().Contain("could not be decoded as " + source);
    }

    [Fact]
    public async Task Convert_TruncatedPng_Returns422ConversionFailed()
    {
        var png = TestImages.Encode("png");
        using var api = EmulatorApi.For(fixture.Emulator);

        using var response = await api.ConvertAsync(png[..(png.Length / 2)], "cut.png", "jpg");

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await EmulatorApi.ErrorAsync(response)).Code.Should().Be("conversion_failed");
    }

    private static byte[] Noise()
    {
        var random = new Random(7);
        using var bitmap = new SKBitmap(64, 64);
        for (var y = 0; y < 64; y++)
        {
            for (var x = 0; x < 64; x++)
            {
                var rgb = new byte[3];
                random.NextBytes(rgb);
                bitmap.SetPixel(x, y, new SKColor(rgb[0], rgb[1], rgb[2]));
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
