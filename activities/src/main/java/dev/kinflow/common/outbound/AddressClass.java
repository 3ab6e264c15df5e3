package dev.kinflow.common.outbound;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * What kind of address an IP address is, for the outbound policy. IPv6 forms that embed an IPv4 address
 * (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96}, 6to4
 * {@code 2002::/16}) are classified by the IPv4 address they carry.
 */
public enum AddressClass {
    PUBLIC,
    /** 127.0.0.0/8, ::1. */
    LOOPBACK,
    /** 169.254.0.0/16 (including the cloud metadata address 169.254.169.254), fe80::/10: never reachable. */
    LINK_LOCAL,
    /** RFC 1918 (10/8, 172.16/12, 192.168/16), unique local fc00::/7, deprecated site-local fec0::/10. */
    PRIVATE,
    /** 100.64.0.0/10, carrier-grade NAT: refused like a private range (it is one, inside a provider). */
    SHARED,
    /** 224.0.0.0/4, ff00::/8. */
    MULTICAST,
    /** 0.0.0.0/8, ::. */
    UNSPECIFIED,
    /** 240.0.0.0/4 including broadcast, 192.0.0.0/24, 198.18.0.0/15 (benchmarking). */
    RESERVED;

    public static AddressClass of(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] embedded = embeddedIpv4(v6.getAddress());
            if (embedded != null) {
                return ofIpv4(embedded);
            }
            return ofIpv6(v6);
        }
        return ofIpv4(address.getAddress());
    }

    private static AddressClass ofIpv4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        if (a0 == 0) {
            return UNSPECIFIED;
        }
        if (a0 == 127) {
            return LOOPBACK;
        }
        if (a0 == 169 && a1 == 254) {
            return LINK_LOCAL;
        }
        if (a0 == 10 || (a0 == 172 && a1 >= 16 && a1 <= 31) || (a0 == 192 && a1 == 168)) {
            return PRIVATE;
        }
        if (a0 == 100 && a1 >= 64 && a1 <= 127) {
            return SHARED;
        }
        if (a0 >= 224 && a0 <= 239) {
            return MULTICAST;
        }
        if (a0 >= 240 || (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0) || (a0 == 198 && (a1 == 18 || a1 == 19))) {
            return RESERVED;
        }
        return PUBLIC;
    }

    private static AddressClass ofIpv6(Inet6Address address) {
        if (address.isAnyLocalAddress()) {
            return UNSPECIFIED;
        }
        if (address.isLoopbackAddress()) {
            return LOOPBACK;
        }
        if (address.isLinkLocalAddress()) {
            return LINK_LOCAL;
        }
        if (address.isMulticastAddress()) {
            return MULTICAST;
        }
        byte[] b = address.getAddress();
        if ((b[0] & 0xfe) == 0xfc || address.isSiteLocalAddress()) {
            return PRIVATE;
        }
        return PUBLIC;
    }

    /** The IPv4 address inside an IPv4-mapped, IPv4-compatible, NAT64 or 6to4 IPv6 address, else null. */
    private static byte[] embeddedIpv4(byte[] b) {
        boolean firstTenZero = Arrays.equals(b, 0, 10, new byte[10], 0, 10);
        if (firstTenZero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return Arrays.copyOfRange(b, 12, 16);
        }
        if (firstTenZero && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] & 0xfe) == 0)) {
            return Arrays.copyOfRange(b, 12, 16);
        }
        if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && Arrays.equals(b, 4, 12, new byte[8], 0, 8)) {
            return Arrays.copyOfRange(b, 12, 16);
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return Arrays.copyOfRange(b, 2, 6);
        }
        return null;
    }
}
