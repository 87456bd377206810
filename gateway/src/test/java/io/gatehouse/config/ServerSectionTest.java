package io.gatehouse.config;

import static io.gatehouse.config.ConfigFixtures.errorsOf;
import static io.gatehouse.config.ConfigFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerSectionTest {

    @Test
    void reportsEachMalformedSetting() {
        assertThat(errorsOf("""
                server:
                  event-loops: -1
                  header-read-timeout: fast
                  body-read-timeout: 30
                  max-initial-line: 8KB
                  max-header-size: 4GiB
                  max-pipelined: 0
                  trusted-proxies: [10.0.0.0/8, 10.0.0.0/40, localhost]
                  keepalive: 60s
                """)).containsExactly(
                "server.keepalive: unknown key (allowed: event-loops, header-read-timeout, body-read-timeout, "
                        + "keep-alive-idle, drain-timeout, max-initial-line, max-header-size, max-pipelined, "
                        + "trusted-proxies, max-connections-per-client, http)",
                "server.event-loops: expected an integer >= 0, got \"-1\"",
                "server.header-read-timeout: expected a duration like 250ms, 10s or 5m, got \"fast\"",
                "server.body-read-timeout: expected a duration like 250ms, 10s or 5m, got \"30\"",
                "server.max-initial-line: expected a size like 512B, 64KiB, 10MiB or 1GiB, got \"8KB\"",
                "server.max-header-size: expected a size of at most 2147483647 bytes, got \"4GiB\"",
                "server.max-pipelined: expected an integer >= 1, got \"0\"",
                "server.trusted-proxies[1]: expected a CIDR like 10.0.0.0/8, 127.0.0.1/32 or ::1/128, got \"10.0.0.0/40\"",
                "server.trusted-proxies[2]: expected a CIDR like 10.0.0.0/8, 127.0.0.1/32 or ::1/128, got \"localhost\"");
    }

    @Test
    void aSectionThatIsNotAMapSaysWhichKeysItTakes() {
        assertThat(errorsOf("access-log: yes\n")).containsExactly("access-log: expected a map with keys enabled, queue-size");
    }

    @Test
    void readsTheAccessLog() {
        assertThat(load("access-log: { queue-size: 16 }\n").accessLog()).isEqualTo(new AccessLogConfig(true, 16));
        assertThat(errorsOf("access-log: { enabled: maybe, queue-size: 0 }\n")).containsExactly(
                "access-log.enabled: expected true or false, got \"maybe\"",
                "access-log.queue-size: expected an integer >= 1, got \"0\"");
    }

    @Test
    void readsStrictHttpSettingsAndTheConnectionCap() {
        ServerConfig server = load("""
                server:
                  max-connections-per-client: 64
                  http:
                    max-headers: 50
                    allow-trace: true
                    path: { merge-slashes: false, path-parameters: strip, encoded-slashes: decode }
                """).server();
        assertThat(server.maxConnectionsPerClient()).isEqualTo(64);
        assertThat(server.http()).isEqualTo(new HttpConfig(50, true,
                new PathConfig(false, PathConfig.PathParameters.STRIP, PathConfig.EncodedSlashes.DECODE)));
    }

    @Test
    void strictHttpDefaultsAreTheSafeOnes() {
        ServerConfig server = load("routes: []\n").server();
        assertThat(server.maxConnectionsPerClient()).isZero();
        assertThat(server.http()).isEqualTo(new HttpConfig(100, false,
                new PathConfig(true, PathConfig.PathParameters.REJECT, PathConfig.EncodedSlashes.REJECT)));
    }

    @Test
    void reportsEachMalformedStrictHttpSetting() {
        assertThat(errorsOf("""
                server:
                  max-connections-per-client: -1
                  http:
                    max-headers: 0
                    allow-trace: sometimes
                    path: { merge-slashes: 1, path-parameters: drop, encoded-slashes: Decode, dots: keep }
                """)).containsExactly(
                "server.max-connections-per-client: expected an integer >= 0, got \"-1\"",
                "server.http.max-headers: expected an integer from 1 to 10000, got \"0\"",
                "server.http.allow-trace: expected true or false, got \"sometimes\"",
                "server.http.path.dots: unknown key (allowed: merge-slashes, path-parameters, encoded-slashes)",
                "server.http.path.merge-slashes: expected true or false, got \"1\"",
                "server.http.path.path-parameters: expected one of keep, strip, reject, got \"drop\"",
                "server.http.path.encoded-slashes: expected one of reject, decode, keep, got \"Decode\"");
    }

    @Test
    void aNullSectionTakesTheDefaults() {
        assertThat(load("server:\nroutes: []\n").server()).isEqualTo(ServerSection.DEFAULTS);
    }
}
