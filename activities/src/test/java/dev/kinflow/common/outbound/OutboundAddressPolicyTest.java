package dev.kinflow.common.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which addresses the outbound policy refuses, and what {@code allowed-hosts} lets through. No network. */
class OutboundAddressPolicyTest {

    private static final OutboundAddressPolicy DEFAULT = new OutboundAddressPolicy(new OutboundProperties(List.of()),
            OutboundAddressPolicyTest::literalOnly);

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, LOOPBACK", "127.255.0.9, LOOPBACK", "::1, LOOPBACK",
            "169.254.169.254, LINK_LOCAL", "169.254.0.1, LINK_LOCAL", "fe80::1, LINK_LOCAL", "febf::1, LINK_LOCAL",
            "10.0.0.1, PRIVATE", "172.16.0.1, PRIVATE", "172.31.255.255, PRIVATE", "192.168.1.20, PRIVATE",
            "fc00::1, PRIVATE", "fd12:3456::1, PRIVATE", "fec0::1, PRIVATE",
            "100.64.0.1, SHARED", "100.127.255.254, SHARED",
            "224.0.0.1, MULTICAST", "239.1.2.3, MULTICAST", "ff02::1, MULTICAST",
            "0.0.0.0, UNSPECIFIED", "::, UNSPECIFIED",
            "255.255.255.255, RESERVED", "240.0.0.1, RESERVED", "198.18.0.1, RESERVED",
            // IPv6 forms that carry an IPv4 address are judged by it
            "::ffff:127.0.0.1, LOOPBACK", "::ffff:169.254.169.254, LINK_LOCAL", "::ffff:10.1.2.3, PRIVATE",
            "::10.1.2.3, PRIVATE", "64:ff9b::a9fe:a9fe, LINK_LOCAL", "2002:c0a8:0101::1, PRIVATE",
            "2002:7f00:1::1, LOOPBACK",
            // public
            "93.184.215.14, PUBLIC", "172.32.0.1, PUBLIC", "100.128.0.1, PUBLIC", "2606:4700::1111, PUBLIC",
            "::ffff:93.184.215.14, PUBLIC"})
    void classifiesAddresses(String address, AddressClass expected) throws UnknownHostException {
        assertThat(AddressClass.of(InetAddress.getByName(address))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1", "::1", "10.0.0.1", "192.168.1.20", "fd00::5", "100.64.1.1", "169.254.169.254",
            "fe80::1", "224.0.0.1", "0.0.0.0", "::ffff:127.0.0.1", "::ffff:169.254.169.254"})
    void refusesEveryNonPublicAddressByDefault(String address) {
        assertThatThrownBy(() -> DEFAULT.resolvePermitted(address)).isInstanceOf(RefusedAddressException.class)
                .hasMessageStartingWith("refused by the outbound address policy")
                .hasMessageNotContaining(address);
    }

    @Test
    void allowedBlocksAndHostNamesOpenExactlyWhatTheyName() throws UnknownHostException {
        OutboundAddressPolicy policy = new OutboundAddressPolicy(new OutboundProperties(
                List.of("127.0.0.0/8", " ::1 ", "192.168.1.0/24", "Monica.LAN", "169.254.0.0/16")),
                table(Map.of("monica.lan", "10.20.30.40", "other.lan", "10.20.30.41",
                        "metadata.lan", "169.254.169.254")));

        assertThat(policy.resolvePermitted("127.0.0.1")).hasSize(1);
        assertThat(policy.resolvePermitted("[::1]")).hasSize(1);
        assertThat(policy.resolvePermitted("::ffff:127.0.0.1")).hasSize(1);
        assertThat(policy.resolvePermitted("192.168.1.77")).hasSize(1);
        assertThat(policy.resolvePermitted("monica.lan")).hasSize(1);
        assertThatThrownBy(() -> policy.resolvePermitted("192.168.2.1")).isInstanceOf(RefusedAddressException.class);
        assertThatThrownBy(() -> policy.resolvePermitted("other.lan")).isInstanceOf(RefusedAddressException.class);
        assertThatThrownBy(() -> policy.resolvePermitted("10.20.30.40")).as("the name is allowed, not its address")
                .isInstanceOf(RefusedAddressException.class);
        // link-local stays refused even when a block or a name covers it
        assertThatThrownBy(() -> policy.resolvePermitted("169.254.169.254"))
                .isInstanceOf(RefusedAddressException.class).hasMessageContaining("link-local");
        assertThatThrownBy(() -> policy.checkAddress("monica.lan", InetAddress.getByName("fe80::1")))
                .isInstanceOf(RefusedAddressException.class);
    }

    @Test
    void aNameResolvingToPublicAndPrivateAddressesKeepsOnlyThePublicOnes() throws UnknownHostException {
        OutboundAddressPolicy policy = new OutboundAddressPolicy(new OutboundProperties(List.of()), host -> new InetAddress[]{
                InetAddress.getByName("10.0.0.9"), InetAddress.getByName("93.184.215.14")});

        assertThat(policy.resolvePermitted("mixed.example")).containsExactly(InetAddress.getByName("93.184.215.14"));
    }

    @Test
    void badEntriesInAllowedHostsFailAtStart() {
        assertThatThrownBy(() -> new OutboundAddressPolicy(new OutboundProperties(List.of("10.0.0.0/33"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatCode(() -> new OutboundAddressPolicy(new OutboundProperties(List.of("fd00::/8", "monica"))))
                .doesNotThrowAnyException();
    }

    /** Resolves IP literals only: a name would be a lookup, which this test never makes. */
    static InetAddress[] literalOnly(String host) throws UnknownHostException {
        if (!host.matches("[0-9a-fA-F:.]+")) {
            throw new UnknownHostException("test resolver: no DNS");
        }
        return new InetAddress[]{InetAddress.getByName(host)};
    }

    /** A fixed name table; IP literals resolve to themselves. */
    static HostResolver table(Map<String, String> names) {
        return host -> {
            String address = names.get(host.toLowerCase());
            return address != null ? new InetAddress[]{InetAddress.getByName(address)} : literalOnly(host);
        };
    }
}
