package io.gatehouse.config;

import static io.gatehouse.config.ConfigFixtures.errorsOf;
import static io.gatehouse.config.ConfigFixtures.loadUpstream;
import static io.gatehouse.config.ConfigFixtures.upstream;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthSectionTest {

    private static final String ENDPOINTS = "endpoints: [{ address: \"h:1\" }]\n";

    private static HealthCheckConfig healthCheck(String healthCheck) {
        return loadUpstream(ENDPOINTS + "health-check: " + healthCheck).healthCheck();
    }

    private static List<String> errors(String lines) {
        return errorsOf(upstream(ENDPOINTS + lines));
    }

    @Test
    void fillsInHttpDefaults() {
        HealthCheckConfig check = healthCheck("{ http: { path: /health } }");

        assertThat(check.http()).isTrue();
        assertThat(check).isEqualTo(new HealthCheckConfig("/health", StatusSet.range(200, 299),
                Duration.ofSeconds(5), Duration.ofSeconds(1), 2, 3, Duration.ofMillis(500)));
    }

    @Test
    void readsFullHttpSettings() {
        HealthCheckConfig check = healthCheck("""
                { http: { path: /ready, interval: 10s, timeout: 10s, healthy: 1, unhealthy: 5, statuses: [200, 3xx],
                          jitter: 0 } }
                """);

        assertThat(check).isEqualTo(new HealthCheckConfig("/ready", StatusSet.parse(List.of("200", "3xx")),
                Duration.ofSeconds(10), Duration.ofSeconds(10), 1, 5, Duration.ZERO));
        assertThat(check.statuses().contains(204)).isFalse();
        assertThat(check.statuses().contains(301)).isTrue();
    }

    @Test
    void readsTcpChecksWithJitterATenthOfTheInterval() {
        HealthCheckConfig check = healthCheck("{ tcp: { interval: 2s } }");

        assertThat(check.http()).isFalse();
        assertThat(check).isEqualTo(new HealthCheckConfig(null, null, Duration.ofSeconds(2), Duration.ofSeconds(1),
                2, 3, Duration.ofMillis(200)));
        assertThat(healthCheck("{ tcp: { interval: 2s, timeout: 500ms, healthy: 4, unhealthy: 1, jitter: 1s } }"))
                .isEqualTo(new HealthCheckConfig(null, null, Duration.ofSeconds(2), Duration.ofMillis(500), 4, 1,
                        Duration.ofSeconds(1)));
    }

    @Test
    void needsExactlyOneKind() {
        assertThat(errors("health-check: {}")).containsExactly(
                "upstreams.users.health-check: expected one of http or tcp");
        assertThat(errors("health-check: { http: { path: / }, tcp: {} }")).containsExactly(
                "upstreams.users.health-check: http and tcp are exclusive, got http and tcp");
        assertThat(errors("health-check: { grpc: {} }")).containsExactly(
                "upstreams.users.health-check.grpc: unknown key (allowed: http, tcp)",
                "upstreams.users.health-check: expected one of http or tcp");
        assertThat(errors("health-check: { tcp: }")).containsExactly(
                "upstreams.users.health-check: expected one of http or tcp");
    }

    @Test
    void theTimeoutMustNotExceedTheInterval() {
        assertThat(errors("health-check: { http: { path: /health, timeout: 10s } }")).containsExactly(
                "upstreams.users.health-check.http.timeout: must not exceed interval (5s), got 10s");
        assertThat(errors("health-check: { tcp: { interval: 500ms } }")).containsExactly(
                "upstreams.users.health-check.tcp.timeout: must not exceed interval (500ms), got 1s");
    }

    @Test
    void reportsMalformedHttpChecks() {
        assertThat(errors("""
                health-check:
                  http: { path: health, interval: 0, timeout: soon, healthy: 0, unhealthy: x, statuses: [200, 6xx, ok],
                          jitter: -1s, method: HEAD }
                """)).containsExactly(
                "upstreams.users.health-check.http.method: unknown key (allowed: path, interval, timeout, healthy, "
                        + "unhealthy, statuses, jitter)",
                "upstreams.users.health-check.http.path: expected a path starting with \"/\", got \"health\"",
                "upstreams.users.health-check.http.interval: expected a duration above 0, got \"0\"",
                "upstreams.users.health-check.http.timeout: expected a duration like 250ms, 10s or 5m, got \"soon\"",
                "upstreams.users.health-check.http.statuses[1]: expected a status from 100 to 599 or a class like "
                        + "5xx, got \"6xx\"",
                "upstreams.users.health-check.http.statuses[2]: expected a status from 100 to 599 or a class like "
                        + "5xx, got \"ok\"",
                "upstreams.users.health-check.http.healthy: expected an integer >= 1, got \"0\"",
                "upstreams.users.health-check.http.unhealthy: expected an integer >= 1, got \"x\"",
                "upstreams.users.health-check.http.jitter: expected a duration like 250ms, 10s or 5m, got \"-1s\"");
    }

    @Test
    void anHttpCheckNeedsAPathAndStatusesAndATcpCheckTakesNeither() {
        assertThat(errors("health-check: { http: { statuses: [] } }")).containsExactly(
                "upstreams.users.health-check.http.path: required",
                "upstreams.users.health-check.http.statuses: expected at least one status like 200 or class like 2xx");
        assertThat(errors("health-check: { tcp: { path: /health, statuses: [2xx] } }")).containsExactly(
                "upstreams.users.health-check.tcp.path: unknown key (allowed: interval, timeout, healthy, unhealthy, "
                        + "jitter)",
                "upstreams.users.health-check.tcp.statuses: unknown key (allowed: interval, timeout, healthy, "
                        + "unhealthy, jitter)");
    }

    @Test
    void outlierDetectionIsOffUnlessPresentThenFilledWithDefaults() {
        assertThat(loadUpstream(ENDPOINTS).outlier()).isNull();
        assertThat(loadUpstream(ENDPOINTS + "outlier-detection: {}").outlier()).isEqualTo(
                new OutlierConfig(5, Duration.ofSeconds(30), Duration.ofSeconds(300), 0.1));
    }

    @Test
    void readsFullOutlierDetection() {
        assertThat(loadUpstream(ENDPOINTS + """
                outlier-detection: { consecutive-errors: 3, base-ejection: 10s, max-ejection: 10s, max-ejected: 50% }
                """).outlier()).isEqualTo(new OutlierConfig(3, Duration.ofSeconds(10), Duration.ofSeconds(10), 0.5));
    }

    @Test
    void reportsMalformedOutlierDetection() {
        assertThat(errors("""
                outlier-detection: { consecutive-errors: 0, base-ejection: 0, max-ejected: 1.5, interval: 1s }
                """)).containsExactly(
                "upstreams.users.outlier-detection.interval: unknown key (allowed: consecutive-errors, base-ejection, "
                        + "max-ejection, max-ejected)",
                "upstreams.users.outlier-detection.base-ejection: expected a duration above 0, got \"0\"",
                "upstreams.users.outlier-detection.consecutive-errors: expected an integer >= 1, got \"0\"",
                "upstreams.users.outlier-detection.max-ejected: expected a percentage like 50%, got \"1.5\"");
        assertThat(errors("outlier-detection: { base-ejection: 1m, max-ejection: 30s }")).containsExactly(
                "upstreams.users.outlier-detection.max-ejection: must be at least base-ejection (1m), got 30s");
        assertThat(errors("outlier-detection: { max-ejected: 120% }")).containsExactly(
                "upstreams.users.outlier-detection.max-ejected: expected a percentage from 0% to 100%, got \"120%\"");
    }
}
