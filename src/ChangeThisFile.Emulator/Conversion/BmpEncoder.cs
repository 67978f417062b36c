using System.Buffers.Binary;
using SkiaSharp;

namespace ChangeThisFile.Emulator.Conversion;

/// <summary>
/// Writes Windows bitmaps, which SkiaSharp can decode but not encode: 24-bit BI_RGB for opaque
/// images, and 32-bit BI_BITFIELDS with a BITMAPV4HEADER and an alpha mask for images with
/// transparency. Rows are stored bottom-up and padded to four bytes.
/// </summary>
internal static class BmpEncoder
{
    private const int FileHeaderSize = 14;
    private const int InfoHeaderSize = 40;
    private const int V4HeaderSize = 108;
    private const int PixelsPerMetre = 2835; // 72 dots per inch
    private const uint BiRgb = 0;
    private const uint BiBitfields = 3;
    private const uint LcsSrgb = 0x73524742; // 'sRGB'

    /// <summary>Encodes an RGBA 8888 unpremultiplied bitmap.</summary>
    /// <exception cref="ConversionFailedException">The image is too large for the BMP format.</exception>
    public static void Write(SKBitmap bitmap, Stream output)
    {
        var width = bitmap.Width;
        var height = bitmap.Height;
        var withAlpha = HasTransparency(bitmap);
        var bytesPerPixel = withAlpha ? 4 : 3;
        var rowSize = ((width * bytesPerPixel) + 3) & ~3;
        var headerSize = FileHeaderSize + (withAlpha ? V4HeaderSize : InfoHeaderSize);
        var fileSize = headerSize + ((long)rowSize * height);
        if (fileSize > uint.MaxValue)
        {
            throw new ConversionFailedException("The image is too large for the BMP format (over 4 GiB).");
        }

        output.Write(BuildHeaders(width, height, withAlpha, headerSize, (uint)fileSize));
        WritePixels(bitmap, output, bytesPerPixel, rowSize);
    }

    private static byte[] BuildHeaders(int width, int height, bool withAlpha, int headerSize, uint fileSize)
    {
        var header = new byte[headerSize];
        var span = header.AsSpan();
        span[0] = (byte)'B';
        span[1] = (byte)'M';
        BinaryPrimitives.WriteUInt32LittleEndian(span[2..], fileSize);
        BinaryPrimitives.WriteUInt32LittleEndian(span[10..], (uint)headerSize);

        var info = span[FileHeaderSize..];
        BinaryPrimitives.WriteUInt32LittleEndian(info, (uint)info.Length);
        BinaryPrimitives.WriteInt32LittleEndian(info[4..], width);
        BinaryPrimitives.WriteInt32LittleEndian(info[8..], height); // positive: bottom-up rows
        BinaryPrimitives.WriteUInt16LittleEndian(info[12..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(info[14..], (ushort)(withAlpha ? 32 : 24));
        BinaryPrimitives.WriteUInt32LittleEndian(info[16..], withAlpha ? BiBitfields : BiRgb);
        BinaryPrimitives.WriteUInt32LittleEndian(info[20..], fileSize - (uint)headerSize);
        BinaryPrimitives.WriteInt32LittleEndian(info[24..], PixelsPerMetre);
        BinaryPrimitives.WriteInt32LittleEndian(info[28..], PixelsPerMetre);
        if (withAlpha)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(info[40..], 0x00FF0000); // red mask
            BinaryPrimitives.WriteUInt32LittleEndian(info[44..], 0x0000FF00); // green mask
            BinaryPrimitives.WriteUInt32LittleEndian(info[48..], 0x000000FF); // blue mask
            BinaryPrimitives.WriteUInt32LittleEndian(info[52..], 0xFF000000); // alpha mask
            BinaryPrimitives.WriteUInt32LittleEndian(info[56..], LcsSrgb);
        }

        return header;
    }

    private static void WritePixels(SKBitmap bitmap, Stream output, int bytesPerPixel, int rowSize)
    {
        var pixels = bitmap.GetPixelSpan();
        var row = new byte[rowSize];
        for (var y = bitmap.Height - 1; y >= 0; y--)
        {
            var source = pixels.Slice(y * bitmap.RowBytes, bitmap.Width * 4);
            for (var x = 0; x < bitmap.Width; x++)
            {
                var pixel = source.Slice(x * 4, 4); // R, G, B, A
                var target = row.AsSpan(x * bytesPerPixel);
                target[0] = pixel[2];
                target[1] = pixel[1];
                target[2] = pixel[0];
                if (bytesPerPixel == 4)
                {
                    target[3] = pixel[3];
                }
            }

            output.Write(row);
        }
    }

    private static bool HasTransparency(SKBitmap bitmap)
    {
        var pixels = bitmap.GetPixelSpan();
        for (var y = 0; y < bitmap.Height; y++)
        {
            var source = pixels.Slice(y * bitmap.RowBytes, bitmap.Width * 4);
            for (var x = 3; x < source.Length; x += 4)
            {
                if (source[x] != 0xFF)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
