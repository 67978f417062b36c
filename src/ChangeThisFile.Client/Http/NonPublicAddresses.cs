using System.Net;
using System.Net.Sockets;

namespace ChangeThisFile.Client.Http;

/// <summary>Classifies IP addresses that a download from an untrusted URL must never reach.</summary>
internal static class NonPublicAddresses
{
    /// <summary>
    /// Whether <paramref name="address"/> is loopback, private (RFC 1918, RFC 4193), link-local
    /// (169.254.0.0/16, fe80::/10), shared CGNAT space (100.64.0.0/10), unspecified, "this
    /// network" (0.0.0.0/8), multicast, broadcast or reserved (240.0.0.0/4). IPv6 forms that embed
    /// an IPv4 address (mapped, IPv4-compatible ::/96, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged
    /// by that address. Local-use NAT64 (64:ff9b:1::/48) and Teredo (2001::/32), whose embedded
    /// address cannot be judged reliably, are always non-public.
    /// </summary>
    public static bool Contains(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return IsNonPublicV4(address.GetAddressBytes());
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return IsNonPublicV4(address.MapToIPv4().GetAddressBytes());
        }

        var bytes = address.GetAddressBytes();
        if (EmbeddedV4(bytes) is { } embedded)
        {
            return IsNonPublicV4(embedded);
        }

        return address.Equals(IPAddress.IPv6Any)
            || address.Equals(IPAddress.IPv6Loopback)
            || (bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xFF && bytes[3] == 0x9B
                && bytes[4] == 0x00 && bytes[5] == 0x01)        // 64:ff9b:1::/48 local-use NAT64 (RFC 8215)
            || (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x00 && bytes[3] == 0x00) // 2001::/32 Teredo
            || (bytes[0] & 0xFE) == 0xFC                        // fc00::/7 unique local (RFC 4193)
            || (bytes[0] == 0xFE && (bytes[1] & 0xC0) == 0x80)  // fe80::/10 link-local
            || (bytes[0] == 0xFE && (bytes[1] & 0xC0) == 0xC0)  // fec0::/10 site-local (deprecated)
            || bytes[0] == 0xFF;                                // ff00::/8 multicast
    }

    private static bool IsNonPublicV4(byte[] b) =>
        b[0] == 0                                       // 0.0.0.0/8 "this network", unspecified
        || b[0] == 10                                   // 10.0.0.0/8
        || b[0] == 127                                  // 127.0.0.0/8 loopback
        || (b[0] == 100 && (b[1] & 0xC0) == 64)         // 100.64.0.0/10 shared address space (CGNAT)
        || (b[0] == 169 && b[1] == 254)                 // 169.254.0.0/16 link-local, cloud metadata
        || (b[0] == 172 && (b[1] & 0xF0) == 16)         // 172.16.0.0/12
        || (b[0] == 192 && b[1] == 168)                 // 192.168.0.0/16
        || (b[0] == 192 && b[1] == 0 && b[2] == 0)      // 192.0.0.0/24 IETF protocol assignments
        || b[0] >= 224;                                 // multicast, reserved 240.0.0.0/4, broadcast

    private static byte[]? EmbeddedV4(byte[] v6)
    {
        // 64:ff9b::/96 (NAT64 well-known prefix) carries the IPv4 address in the last 4 bytes.
        if (v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xFF && v6[3] == 0x9B
            && v6.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return v6[12..16];
        }

        // ::/96 (IPv4-compatible, deprecated) carries it in the last 4 bytes; :: and ::1 land in 0.0.0.0/8.
        if (v6.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            return v6[12..16];
        }

        // 2002::/16 (6to4) carries it in bytes 2 to 5.
        return v6[0] == 0x20 && v6[1] == 0x02 ? v6[2..6] : null;
    }
}
