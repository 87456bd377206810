package io.gatehouse.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.util.NetUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    private static boolean contains(String cidr, String address) {
        return Cidr.parse(cidr).contains(NetUtil.createByteArrayFromIpAddressString(address));
    }

    @Test
    void containsAddressesUpToThePrefixBoundary() {
        assertThat(contains("10.1.0.0/16", "10.1.255.255")).isTrue();
        assertThat(contains("10.1.0.0/16", "10.2.0.0")).isFalse();
        assertThat(contains("192.168.1.0/25", "192.168.1.127")).isTrue();
        assertThat(contains("192.168.1.0/25", "192.168.1.128")).isFalse();
        assertThat(contains("0.0.0.0/0", "203.0.113.9")).isTrue();
        assertThat(contains("::1/128", "::1")).isTrue();
        assertThat(contains("2001:db8::/32", "2001:db8:ffff::1")).isTrue();
    }

    @Test
    void anIpv4AddressNeverMatchesAnIpv6Range() {
        assertThat(contains("::/0", "127.0.0.1")).isFalse();
        assertThat(contains("0.0.0.0/0", "::1")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0", "10.0.0.0/33", "::1/129", "host/8", "[::1]/128", "fe80::1%eth0/64", "10.0.0/8",
        "10.0.0.0/-1", "10.0.0.0/"})
    void refusesWhatIsNotARange(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a CIDR").hasMessageContaining(text);
    }
}
