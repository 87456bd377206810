package io.gatehouse.config;

import static io.gatehouse.config.ConfigFixtures.errorsOf;
import static io.gatehouse.config.ConfigFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ListenerSectionTest {

    @Test
    void theAddressDefaultsToEveryInterface() {
        assertThat(load("listeners: [{ name: a, port: 80 }]\n").listeners())
                .containsExactly(new ListenerConfig("a", "0.0.0.0", 80));
    }

    @Test
    void severalListenersMayAskForAnEphemeralPort() {
        assertThat(load("listeners: [{ name: a, port: 0 }, { name: b, port: 0 }]\n").listeners()).hasSize(2);
    }

    @Test
    void namesAndAddressesAreUnique() {
        assertThat(errorsOf("""
                listeners:
                  - { name: public, address: 127.0.0.1, port: 8080 }
                  - { name: public, port: 8081 }
                  - { name: other, address: 127.0.0.1, port: 8080 }
                """)).containsExactly(
                "listeners[1].name: duplicate name \"public\" (also at listeners[0].name)",
                "listeners[2]: duplicate address 127.0.0.1 port 8080 (also at listeners[0])");
    }

    @Test
    void reportsMalformedListeners() {
        assertThat(errorsOf("""
                listeners:
                  - { address: localhost, port: 65536 }
                  - { name: "" }
                  - public
                  - { name: x, port: 1, tls: true }
                """)).containsExactly(
                "listeners[0].name: required",
                "listeners[0].address: expected an IP address like 0.0.0.0, 127.0.0.1 or ::, got \"localhost\"",
                "listeners[0].port: expected an integer from 0 to 65535, got \"65536\"",
                "listeners[1].name: must not be empty",
                "listeners[1].port: required",
                "listeners[2]: expected a map with keys name, address, port, tls",
                "listeners[3].tls: expected a map with keys certificates, protocols, ciphers, client-auth, client-ca");
    }

    @Test
    void anEmptyListIsAnError() {
        assertThat(errorsOf("listeners: []\n")).containsExactly("listeners: expected at least one listener");
    }

    @Test
    void readsAdmin() {
        assertThat(load("admin: { address: \"::1\" }\n").admin()).isEqualTo(new AdminConfig("::1", 9901));
        assertThat(errorsOf("admin: { address: admin.local, port: 99999 }\n")).containsExactly(
                "admin.address: expected an IP address like 0.0.0.0, 127.0.0.1 or ::, got \"admin.local\"",
                "admin.port: expected an integer from 0 to 65535, got \"99999\"");
    }
}
