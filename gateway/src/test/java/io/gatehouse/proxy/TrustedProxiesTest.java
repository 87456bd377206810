package io.gatehouse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private final TrustedProxies proxies = TrustedProxies.parse(List.of("10.0.0.0/8", "::1/128"));

    @Test
    void anUntrustedPeerIsTheClientWhateverItForwards() throws Exception {
        assertThat(proxies.originalClient(address("192.0.2.7"), "192.0.2.7", "203.0.113.9")).isEqualTo("192.0.2.7");
    }

    @Test
    void aTrustedPeerNamesTheRightMostUntrustedHop() throws Exception {
        // the left-most entry could have been written by the client itself
        assertThat(proxies.originalClient(address("10.1.1.1"), "10.1.1.1", "198.51.100.1, 203.0.113.9, 10.2.2.2"))
                .isEqualTo("203.0.113.9");
    }

    @Test
    void everyHopTrustedGivesTheLeftMostAndNoHeaderGivesThePeer() throws Exception {
        assertThat(proxies.originalClient(address("10.1.1.1"), "10.1.1.1", "10.3.3.3, ::1")).isEqualTo("10.3.3.3");
        assertThat(proxies.originalClient(address("10.1.1.1"), "10.1.1.1", null)).isEqualTo("10.1.1.1");
    }

    @Test
    void aHopThatIsNoAddressEndsTheWalk() throws Exception {
        assertThat(proxies.originalClient(address("10.1.1.1"), "10.1.1.1", "203.0.113.9, unknown, 10.2.2.2"))
                .isEqualTo("10.2.2.2");
    }

    private static InetAddress address(String ip) throws Exception {
        return InetAddress.getByName(ip);
    }
}
