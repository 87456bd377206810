package io.gatehouse.config;

import static io.gatehouse.config.ConfigFixtures.errorsOf;
import static io.gatehouse.config.ConfigFixtures.loadUpstream;
import static io.gatehouse.config.ConfigFixtures.upstream;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BreakerSectionTest {

    private static final String ENDPOINTS = "endpoints: [{ address: \"h:1\" }]\n";
    private static final FailureConditions DEFAULT_FAILURES =
            new FailureConditions(true, true, true, StatusSet.range(500, 599));

    private static BreakerConfig breaker(String breaker) {
        return loadUpstream(ENDPOINTS + "circuit-breaker: " + breaker).breaker();
    }

    private static List<String> errors(String breaker) {
        return errorsOf(upstream(ENDPOINTS + "circuit-breaker: " + breaker));
    }

    @Test
    void isOffUnlessPresentThenFilledWithDefaults() {
        assertThat(loadUpstream(ENDPOINTS).breaker()).isNull();
        assertThat(breaker("{}")).isEqualTo(new BreakerConfig(Duration.ofSeconds(10), 10, 20, 0.5,
                Duration.ofSeconds(5), 3, DEFAULT_FAILURES, null, 0.8));
    }

    @Test
    void readsFullSettings() {
        assertThat(breaker("""
                { window: 30s, buckets: 30, min-requests: 5, error-rate: 25%, open-for: 1m, half-open-requests: 1,
                  failures: [connect-failure, 503], slow-call: { duration: 2s, rate: 60% } }
                """)).isEqualTo(new BreakerConfig(Duration.ofSeconds(30), 30, 5, 0.25, Duration.ofMinutes(1), 1,
                new FailureConditions(true, false, false, StatusSet.parse(List.of("503"))), Duration.ofSeconds(2),
                0.6));
    }

    @Test
    void aSlowCallRateDefaultsToEightyPercent() {
        BreakerConfig breaker = breaker("{ slow-call: { duration: 500ms } }");

        assertThat(breaker.slowCall()).isEqualTo(Duration.ofMillis(500));
        assertThat(breaker.slowCallRate()).isEqualTo(0.8);
    }

    @Test
    void reportsMalformedSettings() {
        assertThat(errors("""
                { window: 0, buckets: 0, min-requests: 0, error-rate: 0%, open-for: 0, half-open-requests: 0,
                  failures: [], slow-call: { rate: 0% }, timeout: 1s }
                """)).containsExactly(
                "upstreams.users.circuit-breaker.timeout: unknown key (allowed: window, buckets, min-requests, "
                        + "error-rate, open-for, half-open-requests, failures, slow-call)",
                "upstreams.users.circuit-breaker.window: expected a duration above 0, got \"0\"",
                "upstreams.users.circuit-breaker.buckets: expected an integer from 1 to 1000, got \"0\"",
                "upstreams.users.circuit-breaker.min-requests: expected an integer >= 1, got \"0\"",
                "upstreams.users.circuit-breaker.error-rate: expected a percentage above 0%, got \"0%\"",
                "upstreams.users.circuit-breaker.open-for: expected a duration above 0, got \"0\"",
                "upstreams.users.circuit-breaker.half-open-requests: expected an integer >= 1, got \"0\"",
                "upstreams.users.circuit-breaker.failures: expected at least one of connect-failure, reset, timeout, "
                        + "a status from 100 to 599 like 503, a class like 5xx",
                "upstreams.users.circuit-breaker.slow-call.duration: required",
                "upstreams.users.circuit-breaker.slow-call.rate: expected a percentage above 0%, got \"0%\"");
    }

    @Test
    void eachBucketSpansAtLeastAMillisecond() {
        assertThat(errors("{ window: 5ms }")).containsExactly(
                "upstreams.users.circuit-breaker.window: must be at least 1ms per bucket (10 buckets), got 5ms");
        assertThat(breaker("{ window: 5ms, buckets: 5 }").window()).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void reportsMalformedSlowCalls() {
        assertThat(errors("{ slow-call: 2s }")).containsExactly(
                "upstreams.users.circuit-breaker.slow-call: expected a map with keys duration, rate");
        assertThat(errors("{ slow-call: { duration: 0, rate: 80 } }")).containsExactly(
                "upstreams.users.circuit-breaker.slow-call.duration: expected a duration above 0, got \"0\"",
                "upstreams.users.circuit-breaker.slow-call.rate: expected a percentage like 50%, got \"80\"");
    }
}
