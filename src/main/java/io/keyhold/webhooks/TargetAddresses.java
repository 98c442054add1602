package io.keyhold.webhooks;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;

/**
 * Which addresses a webhook may be delivered to: globally reachable unicast ones only. Refused are
 * the blocks of IANA's special-purpose registries that are not globally reachable (loopback,
 * private, shared CGNAT space, link-local with the cloud metadata address 169.254.169.254,
 * documentation, benchmarking, multicast, reserved), every IPv6 address outside global unicast
 * {@code 2000::/3} (unique-local {@code fc00::/7} with AWS's {@code fd00:ec2::254}, link-local,
 * multicast), and IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4) unless that address
 * is public itself.
 */
final class TargetAddresses {

    /** An IPv4 block: the network's 32 bits and the length of its prefix. */
    private record Block(int network, int prefix) {

        static Block of(int a, int b, int c, int d, int prefix) {
            return new Block((a << 24) | (b << 16) | (c << 8) | d, prefix);
        }

        boolean contains(int address) {
            int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
            return (address & mask) == (network & mask);
        }
    }

    private static final List<Block> NOT_GLOBAL_IPV4 = List.of(
            Block.of(0, 0, 0, 0, 8), // "this network", 0.0.0.0 included
            Block.of(10, 0, 0, 0, 8), // private
            Block.of(100, 64, 0, 0, 10), // shared address space (carrier-grade NAT), Alibaba's metadata 100.100.100.200
            Block.of(127, 0, 0, 0, 8), // loopback
            Block.of(169, 254, 0, 0, 16), // link-local, the cloud metadata address 169.254.169.254
            Block.of(172, 16, 0, 0, 12), // private
            Block.of(192, 0, 0, 0, 24), // IETF protocol assignments
            Block.of(192, 0, 2, 0, 24), // documentation (TEST-NET-1)
            Block.of(192, 88, 99, 0, 24), // 6to4 relay anycast, deprecated
            Block.of(192, 168, 0, 0, 16), // private
            Block.of(198, 18, 0, 0, 15), // benchmarking
            Block.of(198, 51, 100, 0, 24), // documentation (TEST-NET-2)
            Block.of(203, 0, 113, 0, 24), // documentation (TEST-NET-3)
            Block.of(224, 0, 0, 0, 4), // multicast
            Block.of(240, 0, 0, 0, 4)); // reserved, and the broadcast address 255.255.255.255

    private TargetAddresses() {}

    static boolean isPublic(InetAddress address) {
        byte[] bytes = address.getAddress();
        return address instanceof Inet4Address ? isPublicIpv4(ipv4(bytes, 0)) : isPublicIpv6(bytes);
    }

    private static boolean isPublicIpv4(int address) {
        return NOT_GLOBAL_IPV4.stream().noneMatch(block -> block.contains(address));
    }

    private static boolean isPublicIpv6(byte[] bytes) {
        if (startsWith(bytes, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff)) {
            return isPublicIpv4(ipv4(bytes, 12)); // IPv4-mapped ::ffff:a.b.c.d
        }
        if (startsWith(bytes, 0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0)) {
            return isPublicIpv4(ipv4(bytes, 12)); // NAT64 64:ff9b::a.b.c.d
        }
        if (startsWith(bytes, 0x20, 0x02)) {
            return isPublicIpv4(ipv4(bytes, 2)); // 6to4 2002:aabb:ccdd::
        }
        boolean globalUnicast = (bytes[0] & 0xe0) == 0x20; // 2000::/3
        boolean protocolAssignments =
                startsWith(bytes, 0x20, 0x01) && (bytes[2] & 0xfe) == 0; // 2001::/23, Teredo in it
        boolean documentation = startsWith(bytes, 0x20, 0x01, 0x0d, 0xb8) // 2001:db8::/32
                || (startsWith(bytes, 0x3f, 0xff) && (bytes[2] & 0xf0) == 0); // 3fff::/20
        return globalUnicast && !protocolAssignments && !documentation;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int ipv4(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xff) << 24)
                | ((bytes[offset + 1] & 0xff) << 16)
                | ((bytes[offset + 2] & 0xff) << 8)
                | (bytes[offset + 3] & 0xff);
    }
}
