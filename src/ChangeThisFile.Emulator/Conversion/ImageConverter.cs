using System.Globalization;
using SkiaSharp;

namespace ChangeThisFile.Emulator.Conversion;

/// <summary>
/// Converts between png, jpg, webp and bmp with SkiaSharp. <c>quality</c> (1 to 100) applies to
/// jpg and webp; png and bmp are lossless. Transparent pixels are laid over white for jpg,
/// which has no alpha channel; EXIF orientation is not applied.
/// </summary>
internal static class ImageConverter
{
    /// <summary>The quality of lossy outputs when the request sends none.</summary>
    public const int DefaultQuality = 90;

    /// <summary>The largest image decoded, in pixels (width times height), to bound memory use.</summary>
    public const long MaxPixels = 100_000_000;

    public static void Convert(string inputPath, string source, string target, int? quality, Stream output)
    {
        using var bitmap = Decode(inputPath, source);
        switch (target)
        {
            case "png":
                Encode(bitmap, SKEncodedImageFormat.Png, 100, output);
                break;
            case "jpg":
                using (var flattened = FlattenOnWhite(bitmap))
                {
                    Encode(flattened, SKEncodedImageFormat.Jpeg, quality ?? DefaultQuality, output);
                }

                break;
            case "webp":
                Encode(bitmap, SKEncodedImageFormat.Webp, quality ?? DefaultQuality, output);
                break;
            default:
                BmpEncoder.Write(bitmap, output);
                break;
        }
    }

    private static SKBitmap Decode(string inputPath, string source)
    {
        using var codec = SKCodec.Create(inputPath, out var createResult)
            ?? throw new ConversionFailedException(
                $"The input could not be decoded as {source}: it is not a supported image ({Describe(createResult)}).");
        var width = codec.Info.Width;
        var height = codec.Info.Height;
        if (width <= 0 || height <= 0 || (long)width * height > MaxPixels)
        {
            throw new ConversionFailedException(string.Format(
                CultureInfo.InvariantCulture,
                "The image is {0}x{1} pixels; the emulator converts images of at most {2} pixels.",
                width,
                height,
                MaxPixels));
        }

        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var result = codec.GetPixels(bitmap.Info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            bitmap.Dispose();
            throw new ConversionFailedException($"The input could not be decoded as {source}: {Describe(result)}.");
        }

        return bitmap;
    }

    private static SKBitmap FlattenOnWhite(SKBitmap bitmap)
    {
        var info = new SKImageInfo(bitmap.Width, bitmap.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var flattened = new SKBitmap(info);
        using var canvas = new SKCanvas(flattened);
        canvas.Clear(SKColors.White);
        using var image = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(image, 0, 0, SKSamplingOptions.Default);
        canvas.Flush();
        return flattened;
    }

    private static void Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality, Stream output)
    {
        using var data = bitmap.Encode(format, quality)
            ?? throw new ConversionFailedException(
                $"The image could not be encoded as {format.ToString().ToLowerInvariant()}.");
        data.SaveTo(output);
    }

    private static string Describe(SKCodecResult result) => result switch
    {
        SKCodecResult.IncompleteInput => "the data is truncated",
        SKCodecResult.ErrorInInput => "the data is corrupt",
        SKCodecResult.InvalidInput or SKCodecResult.Unimplemented =>
            "the data is not an image format SkiaSharp can read",
        _ => result.ToString(),
    };
}
