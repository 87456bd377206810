package io.gatehouse.config;

import static io.gatehouse.config.ConfigFixtures.errorsOf;
import static io.gatehouse.config.ConfigFixtures.load;
import static io.gatehouse.config.ConfigFixtures.route;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetrySectionTest {

    private static RetryConfig retries(String retries) {
        return load(route("match: { prefix: / }\nretries: " + retries)).routes().get(0).retries();
    }

    private static List<String> errors(String retries) {
        return errorsOf(route("match: { prefix: / }\nretries: " + retries));
    }

    @Test
    void areOffUnlessPresentThenFilledWithDefaults() {
        assertThat(load(route("match: { prefix: / }")).routes().get(0).retries()).isNull();
        assertThat(retries("{}")).isEqualTo(new RetryConfig(2,
                new FailureConditions(true, true, false, StatusSet.parse(List.of("502", "503", "504"))),
                Duration.ofMillis(25), Duration.ofMillis(250), 0.2, 3, false, 64 * 1024));
    }

    @Test
    void readsFullSettings() {
        assertThat(retries("""
                { attempts: 10, on: [timeout, 5xx], backoff: 100ms, max-backoff: 2s, budget: 12.5%, min-retries: 0,
                  non-idempotent: true, replay-buffer: 1MiB }
                """)).isEqualTo(new RetryConfig(10,
                new FailureConditions(false, false, true, StatusSet.range(500, 599)),
                Duration.ofMillis(100), Duration.ofSeconds(2), 0.125, 0, true, 1 << 20));
    }

    @Test
    void theMaximumBackoffDefaultsToTenTimesTheBackoff() {
        assertThat(retries("{ backoff: 1s }").maxBackoff()).isEqualTo(Duration.ofSeconds(10));
        assertThat(retries("{ backoff: 0 }").maxBackoff()).isZero();
        assertThat(retries("{ backoff: 1s, max-backoff: 1s }").maxBackoff()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theMaximumBackoffMustBeAtLeastTheBackoff() {
        assertThat(errors("{ backoff: 100ms, max-backoff: 50ms }")).containsExactly(
                "routes[0].retries.max-backoff: must be at least backoff (100ms), got 50ms");
        assertThat(errors("{ max-backoff: 10ms }")).containsExactly(
                "routes[0].retries.max-backoff: must be at least backoff (25ms), got 10ms");
    }

    @Test
    void reportsMalformedSettings() {
        assertThat(errors("""
                { attempts: 11, on: [teapot], backoff: quick, budget: 0.2, min-retries: -1, non-idempotent: yes please,
                  replay-buffer: 64KB, per-try-timeout: 1s }
                """)).containsExactly(
                "routes[0].retries.per-try-timeout: unknown key (allowed: attempts, on, backoff, max-backoff, budget, "
                        + "min-retries, non-idempotent, replay-buffer)",
                "routes[0].retries.backoff: expected a duration like 250ms, 10s or 5m, got \"quick\"",
                "routes[0].retries.attempts: expected an integer from 1 to 10, got \"11\"",
                "routes[0].retries.on[0]: unknown condition \"teapot\" (known: connect-failure, reset, timeout, "
                        + "a status from 100 to 599 like 503, a class like 5xx)",
                "routes[0].retries.budget: expected a percentage like 50%, got \"0.2\"",
                "routes[0].retries.min-retries: expected an integer >= 0, got \"-1\"",
                "routes[0].retries.non-idempotent: expected true or false, got \"yes please\"",
                "routes[0].retries.replay-buffer: expected a size like 512B, 64KiB, 10MiB or 1GiB, got \"64KB\"");
        assertThat(errors("{ attempts: 0 }")).containsExactly(
                "routes[0].retries.attempts: expected an integer from 1 to 10, got \"0\"");
        assertThat(errors("3")).containsExactly("routes[0].retries: expected a map with keys attempts, on, backoff, "
                + "max-backoff, budget, min-retries, non-idempotent, replay-buffer");
    }
}
