using System.Buffers.Binary;
using SkiaSharp;

namespace ChangeThisFile.Emulator.Tests.Infrastructure;

/// <summary>
/// Small test images: 6x4 pixels, the left half red and the right half blue, encoded in each
/// input format. BMP input is written here by hand so that it does not depend on the emulator.
/// </summary>
public static class TestImages
{
    public const int Width = 6;
    public const int Height = 4;

    public static readonly SKColor Left = new(220, 20, 30);
    public static readonly SKColor Right = new(20, 40, 210);

    public static SKBitmap CreateBitmap(bool transparentCorner = false)
    {
        var bitmap = new SKBitmap(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                bitmap.SetPixel(x, y, x < Width / 2 ? Left : Right);
            }
        }

        if (transparentCorner)
        {
            bitmap.SetPixel(0, 0, SKColors.Transparent);
        }

        return bitmap;
    }

    public static byte[] Encode(string format, bool transparentCorner = false)
    {
        using var bitmap = CreateBitmap(transparentCorner);
        if (format == "bmp")
        {
            return EncodeBmp24(bitmap);
        }

        var skiaFormat = format switch
        {
            "png" => SKEncodedImageFormat.Png,
            "jpg" => SKEncodedImageFormat.Jpeg,
            "webp" => SKEncodedImageFormat.Webp,
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "No test image for this format."),
        };
        using var data = bitmap.Encode(skiaFormat, 100);
        return data.ToArray();
    }

    /// <summary>
    /// Asserts that a color is within <paramref name="tolerance"/> per channel of the
    /// expected one.
    /// </summary>
    public static void ShouldBeNear(this SKColor actual, SKColor expected, int tolerance, string because = "")
    {
        var context = $"{actual} vs {expected} {because}";
        Math.Abs(actual.Red - expected.Red).Should().BeLessThanOrEqualTo(tolerance, "red of " + context);
        Math.Abs(actual.Green - expected.Green).Should().BeLessThanOrEqualTo(tolerance, "green of " + context);
        Math.Abs(actual.Blue - expected.Blue).Should().BeLessThanOrEqualTo(tolerance, "blue of " + context);
    }

    private static byte[] EncodeBmp24(SKBitmap bitmap)
    {
        var rowSize = ((bitmap.Width * 3) + 3) & ~3;
        var bytes = new byte[54 + (rowSize * bitmap.Height)];
        bytes[0] = (byte)'B';
        bytes[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(2), bytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(18), bitmap.Width);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(22), bitmap.Height);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(28), 24);
        for (var y = 0; y < bitmap.Height; y++)
        {
            var row = 54 + ((bitmap.Height - 1 - y) * rowSize);
            for (var x = 0; x < bitmap.Width; x++)
            {
                var color = bitmap.GetPixel(x, y);
                bytes[row + (x * 3)] = color.Blue;
                bytes[row + (x * 3) + 1] = color.Green;
                bytes[row + (x * 3) + 2] = color.Red;
            }
        }

        return bytes;
    }
}
