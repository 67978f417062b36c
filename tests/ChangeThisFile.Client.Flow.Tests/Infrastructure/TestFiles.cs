using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace ChangeThisFile.Client.Flow.Tests.Infrastructure;

/// <summary>Small inputs of each format the scenarios convert.</summary>
public static class TestFiles
{
    public static byte[] Csv { get; } = Encoding.UTF8.GetBytes("name,quantity\nwidget,3\ngadget,5\n");

    public static byte[] Markdown { get; } = Encoding.UTF8.GetBytes("# Quarterly report\n\nSales grew by *12%*.\n");

    public static byte[] Png { get; } = CreatePng(8, 6);

    /// <summary>Bytes that no image decoder accepts, uploaded under a .png name.</summary>
    public static byte[] NotAnImage { get; } = Encoding.ASCII.GetBytes("this is plain text, not a PNG image");

    public static bool IsWebp(byte[] bytes) =>
        bytes.Length > 12
        && Encoding.ASCII.GetString(bytes, 0, 4) == "RIFF"
        && Encoding.ASCII.GetString(bytes, 8, 4) == "WEBP";

    /// <summary>Encodes an RGB gradient as a PNG: signature, IHDR, one zlib IDAT, IEND.</summary>
    private static byte[] CreatePng(int width, int height)
    {
        var raw = new byte[height * (1 + width * 3)];
        for (var y = 0; y < height; y++)
        {
            var row = y * (1 + width * 3);
            for (var x = 0; x < width; x++)
            {
                raw[row + 1 + x * 3] = (byte)(x * 255 / width);
                raw[row + 2 + x * 3] = (byte)(y * 255 / height);
                raw[row + 3 + x * 3] = 128;
            }
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type RGB

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
