package io.keyhold.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which addresses webhooks may reach. Besides the edges of each block, addresses drawn at random
 * from inside every refused block and from public space are checked, from a fixed seed so that a
 * failure can be replayed.
 */
class TargetAddressesTest {

    private static final long SEED = 20261130L;
    private static final int DRAWS = 50;

    /** The refused IPv4 blocks, as CIDR. */
    private static final String[] REFUSED_IPV4 = {
        "0.0.0.0/8",
        "10.0.0.0/8",
        "100.64.0.0/10",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "172.16.0.0/12",
        "192.0.0.0/24",
        "192.0.2.0/24",
        "192.88.99.0/24",
        "192.168.0.0/16",
        "198.18.0.0/15",
        "198.51.100.0/24",
        "203.0.113.0/24",
        "224.0.0.0/4",
        "240.0.0.0/4"
    };

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.255.255.254",
                "10.0.0.1",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.1.1",
                "100.64.0.1",
                "100.127.255.255",
                "100.100.100.200",
                "169.254.169.254",
                "0.0.0.0",
                "255.255.255.255",
                "224.0.0.251",
                "192.0.0.192",
                "::",
                "::1",
                "::ffff:127.0.0.1",
                "::ffff:169.254.169.254",
                "::ffff:10.1.2.3",
                "::127.0.0.1",
                "64:ff9b::10.0.0.1",
                "64:ff9b::a9fe:a9fe",
                "2002:7f00:1::",
                "2002:a9fe:a9fe::1",
                "fe80::1",
                "fc00::1",
                "fd00::1",
                "fd00:ec2::254",
                "fec0::1",
                "ff02::1",
                "2001:db8::1",
                "2001::1",
                "2001:0:4136:e378:8000:63bf:3fff:fdd2",
                "3fff::1",
                "100::1",
                "4000::1"
            })
    void privateLoopbackLinkLocalMetadataAndReservedAddressesAreRefused(String address) throws Exception {
        assertThat(TargetAddresses.isPublic(literal(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1.1.1.1",
                "8.8.8.8",
                "93.184.215.14",
                "9.255.255.255",
                "11.0.0.0",
                "100.63.255.255",
                "100.128.0.0",
                "126.255.255.255",
                "128.0.0.0",
                "169.253.255.255",
                "169.255.0.0",
                "172.15.255.255",
                "172.32.0.0",
                "192.0.1.255",
                "192.0.3.0",
                "192.167.255.255",
                "192.169.0.0",
                "198.17.255.255",
                "198.20.0.0",
                "223.255.255.255",
                "::ffff:8.8.8.8",
                "64:ff9b::808:808",
                "2002:808:808::1",
                "2001:4860:4860::8888",
                "2606:4700:4700::1111",
                "2a00:1450:4001:80b::200e",
                "2001:200::1",
                "3ffe::1"
            })
    void globallyReachableAddressesArePublic(String address) throws Exception {
        assertThat(TargetAddresses.isPublic(literal(address))).isTrue();
    }

    static Stream<Arguments> randomAddressesInsideRefusedBlocks() {
        var random = new Random(SEED);
        return Stream.of(REFUSED_IPV4)
                .flatMap(cidr -> IntStream.range(0, DRAWS).mapToObj(draw -> Arguments.of(cidr, inside(cidr, random))));
    }

    @ParameterizedTest
    @MethodSource("randomAddressesInsideRefusedBlocks")
    void everyAddressOfARefusedBlockIsRefusedInEveryForm(String cidr, InetAddress address) throws Exception {
        assertThat(TargetAddresses.isPublic(address))
                .as("%s in %s", address, cidr)
                .isFalse();
        assertThat(TargetAddresses.isPublic(mapped(address)))
                .as("%s mapped into IPv6", address)
                .isFalse();
        assertThat(TargetAddresses.isPublic(nat64(address)))
                .as("%s behind NAT64", address)
                .isFalse();
    }

    static Stream<Arguments> randomAddressesOfPublicSpace() {
        var random = new Random(SEED);
        return IntStream.range(0, DRAWS * 4).mapToObj(draw -> {
            InetAddress address;
            do {
                address = ipv4(random.nextInt());
            } while (inAnyRefusedBlock(address));
            return Arguments.of(address);
        });
    }

    @ParameterizedTest
    @MethodSource("randomAddressesOfPublicSpace")
    void everyAddressOutsideTheRefusedBlocksIsPublicInEveryForm(InetAddress address) throws Exception {
        assertThat(TargetAddresses.isPublic(address)).as(address.toString()).isTrue();
        assertThat(TargetAddresses.isPublic(mapped(address))).isTrue();
        assertThat(TargetAddresses.isPublic(nat64(address))).isTrue();
    }

    static Stream<Arguments> randomIpv6OutsideGlobalUnicast() {
        var random = new Random(SEED);
        return IntStream.range(0, DRAWS * 4).mapToObj(draw -> {
            byte[] bytes = new byte[16];
            do {
                random.nextBytes(bytes);
            } while ((bytes[0] & 0xe0) == 0x20 || allZeroPrefix(bytes));
            return Arguments.of(ipv6(bytes));
        });
    }

    @ParameterizedTest
    @MethodSource("randomIpv6OutsideGlobalUnicast")
    void everyIpv6AddressOutside2000Slash3IsRefused(InetAddress address) {
        assertThat(TargetAddresses.isPublic(address)).as(address.toString()).isFalse();
    }

    /** {@code ::/96} and {@code ::ffff:0:0/96} carry IPv4 addresses, judged by those; they have tests above. */
    private static boolean allZeroPrefix(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress literal(String address) throws UnknownHostException {
        // A literal is parsed, never looked up.
        return InetAddress.getByName(address);
    }

    private static InetAddress inside(String cidr, Random random) {
        String[] parts = cidr.split("/");
        int network = toInt(parts[0]);
        int prefix = Integer.parseInt(parts[1]);
        int hostBits = random.nextInt() & (prefix == 0 ? -1 : ~(-1 << (32 - prefix)));
        return ipv4(network | hostBits);
    }

    private static boolean inAnyRefusedBlock(InetAddress address) {
        int value = toInt(address.getHostAddress());
        return Stream.of(REFUSED_IPV4).anyMatch(cidr -> {
            String[] parts = cidr.split("/");
            int mask = -1 << (32 - Integer.parseInt(parts[1]));
            return (value & mask) == (toInt(parts[0]) & mask);
        });
    }

    private static int toInt(String dotted) {
        int value = 0;
        for (String part : dotted.split("\\.")) {
            value = (value << 8) | Integer.parseInt(part);
        }
        return value;
    }

    private static InetAddress ipv4(int value) {
        try {
            return InetAddress.getByAddress(
                    new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static InetAddress ipv6(byte[] bytes) {
        try {
            return java.net.Inet6Address.getByAddress(null, bytes, null);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** {@code ::ffff:a.b.c.d} as a real IPv6 address (InetAddress.getByName would hand back the IPv4 one). */
    private static InetAddress mapped(InetAddress ipv4) {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        System.arraycopy(ipv4.getAddress(), 0, bytes, 12, 4);
        return ipv6(bytes);
    }

    private static InetAddress nat64(InetAddress ipv4) {
        byte[] bytes = new byte[16];
        bytes[1] = 0x64;
        bytes[2] = (byte) 0xff;
        bytes[3] = (byte) 0x9b;
        System.arraycopy(ipv4.getAddress(), 0, bytes, 12, 4);
        return ipv6(bytes);
    }
}
