using System.Buffers.Binary;

namespace Tuning.Reporting.Tests.Support;

/// <summary>Reads what the tests check of a PNG: its signature and the size in its IHDR chunk.</summary>
internal static class Png
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static (int Width, int Height) Size(byte[] png)
    {
        Assert.True(png.Length > 24, $"A PNG has at least 24 bytes; got {png.Length}.");
        Assert.Equal(Signature, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    public static void AssertImage(byte[] png, int width, int height)
    {
        Assert.Equal((width, height), Size(png));

        // A rendered plot (axes, text, points) compresses far less than a blank canvas of that size.
        Assert.True(png.Length > 2_000, $"The PNG has only {png.Length} bytes; it looks blank.");
    }
}
