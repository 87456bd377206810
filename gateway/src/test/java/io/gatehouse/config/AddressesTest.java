package io.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressesTest {

    @Test
    void readsHostPortWithANameAnIpv4OrABracketedIpv6Host() {
        assertThat(Addresses.hostPort("users.internal:9001")).isEqualTo(new Addresses.HostPort("users.internal", 9001));
        assertThat(Addresses.hostPort("127.0.0.1:1")).isEqualTo(new Addresses.HostPort("127.0.0.1", 1));
        assertThat(Addresses.hostPort("[::1]:65535")).isEqualTo(new Addresses.HostPort("::1", 65535));
    }

    @Test
    void explainsWhatIsWrongWithAHostPort() {
        assertThatThrownBy(() -> Addresses.hostPort("localhost"))
                .hasMessage("expected \"host:port\", got \"localhost\"");
        assertThatThrownBy(() -> Addresses.hostPort("::1:80"))
                .hasMessage("expected \"host:port\" with an IPv6 host in brackets like \"[::1]:9001\", got \"::1:80\"");
        assertThatThrownBy(() -> Addresses.hostPort("[nope]:80"))
                .hasMessage("expected \"host:port\" with a valid IPv6 address in brackets, got \"[nope]:80\"");
        assertThatThrownBy(() -> Addresses.hostPort("bad_host:80"))
                .hasMessage("expected \"host:port\" with a host name or IP address, got \"bad_host:80\"");
        assertThatThrownBy(() -> Addresses.hostPort("999.1.1.1:80"))
                .hasMessage("expected \"host:port\" with a host name or IP address, got \"999.1.1.1:80\"");
        assertThatThrownBy(() -> Addresses.hostPort("h:0"))
                .hasMessage("expected \"host:port\" with a port from 1 to 65535, got \"h:0\"");
        assertThatThrownBy(() -> Addresses.hostPort("h:65536"))
                .hasMessage("expected \"host:port\" with a port from 1 to 65535, got \"h:65536\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/8", "127.0.0.1/32", "0.0.0.0/0", "::1/128", "fd00::/8"})
    void acceptsCidrs(String cidr) {
        assertThat(Addresses.cidr(cidr)).isEqualTo(cidr);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0", "10.0.0.0/33", "::1/129", "10.0.0/8", "example.com/8", "10.0.0.0/x", "[::1]/128"})
    void rejectsMalformedCidrs(String cidr) {
        assertThatThrownBy(() -> Addresses.cidr(cidr))
                .hasMessage("expected a CIDR like 10.0.0.0/8, 127.0.0.1/32 or ::1/128, got \"" + cidr + "\"");
    }

    @Test
    void bindAddressesAreIpLiterals() {
        assertThat(Addresses.bindAddress("0.0.0.0")).isEqualTo("0.0.0.0");
        assertThat(Addresses.bindAddress("::")).isEqualTo("::");
        assertThatThrownBy(() -> Addresses.bindAddress("localhost"))
                .hasMessage("expected an IP address like 0.0.0.0, 127.0.0.1 or ::, got \"localhost\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"users.internal", "users.internal:8080", "10.0.0.1", "[::1]", "[::1]:8080"})
    void acceptsHostHeaders(String host) {
        assertThat(Addresses.hostHeader(host)).isEqualTo(host);
    }

    @Test
    void rejectsMalformedHostHeaders() {
        assertThatThrownBy(() -> Addresses.hostHeader("a b"))
                .hasMessage("expected a host name, optionally with \":port\", got \"a b\"");
        assertThatThrownBy(() -> Addresses.hostHeader("users:0"))
                .hasMessage("expected \"host:port\" with a port from 1 to 65535, got \"users:0\"");
    }
}
