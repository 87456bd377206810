package io.gatehouse.upstream.resilience;

import static io.gatehouse.upstream.resilience.BreakerFixture.ERROR;
import static io.gatehouse.upstream.resilience.BreakerFixture.FIVE_XX;
import static io.gatehouse.upstream.resilience.BreakerFixture.OK;
import static io.gatehouse.upstream.resilience.BreakerFixture.OPEN_FOR;
import static io.gatehouse.upstream.resilience.BreakerFixture.WINDOW;
import static io.gatehouse.upstream.resilience.BreakerFixture.config;
import static io.gatehouse.upstream.resilience.BreakerFixture.ms;
import static io.gatehouse.upstream.resilience.BreakerFixture.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.config.BreakerConfig;
import io.gatehouse.config.FailureConditions;
import io.gatehouse.config.StatusSet;
import io.gatehouse.upstream.TryOutcome;
import io.gatehouse.upstream.resilience.CircuitBreaker.State;
import io.gatehouse.upstream.resilience.CircuitBreaker.WindowCounts;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The closed breaker: its window, thresholds and what counts as a failure. */
class CircuitBreakerTest {

    private final BreakerFixture fixture = new BreakerFixture();

    @Test
    void staysClosedUntilTheWindowHoldsTheMinimumVolume() {
        CircuitBreaker breaker = fixture.breaker(config(10, 0.5));
        record(breaker, ERROR, 9);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.window()).isEqualTo(new WindowCounts(9, 9, 0));

        record(breaker, ERROR, 1);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.timesOpened()).isEqualTo(1);
        assertThat(breaker.acquire()).isNull();
    }

    @Test
    void theErrorRateOpensExactlyAtTheThreshold() {
        // 0.14 * 50 is 7.000000000000001 in doubles: the comparison must not be a multiplication
        CircuitBreaker justBelow = fixture.breaker(config(50, 0.14));
        record(justBelow, OK, 44);
        record(justBelow, ERROR, 6);
        assertThat(justBelow.window()).isEqualTo(new WindowCounts(50, 6, 0));
        assertThat(justBelow.state()).isEqualTo(State.CLOSED);

        CircuitBreaker atThreshold = fixture.breaker(config(50, 0.14));
        record(atThreshold, OK, 43);
        record(atThreshold, ERROR, 7);
        assertThat(atThreshold.state()).isEqualTo(State.OPEN);
    }

    @Test
    void oldOutcomesLeaveTheWindowBucketByBucket() {
        // ten one-second buckets; 0.5 with at least 5 requests opens
        fixture.now.set(0);
        CircuitBreaker breaker = fixture.breaker(config(5, 0.5));
        record(breaker, ERROR, 2);
        fixture.now.set(ms(1000));
        record(breaker, OK, 3);
        assertThat(breaker.window()).isEqualTo(new WindowCounts(5, 2, 0));

        fixture.now.set(ms(9999));
        assertThat(breaker.window()).isEqualTo(new WindowCounts(5, 2, 0));
        fixture.now.set(ms(10_000));
        assertThat(breaker.window()).isEqualTo(new WindowCounts(3, 0, 0));

        // with the first bucket gone, 2 failures of 5 stay below the rate (4 of 7 would not)
        record(breaker, ERROR, 2);
        assertThat(breaker.window()).isEqualTo(new WindowCounts(5, 2, 0));
        assertThat(breaker.state()).isEqualTo(State.CLOSED);

        fixture.now.set(ms(10_999));
        assertThat(breaker.window()).isEqualTo(new WindowCounts(5, 2, 0));
        fixture.now.set(ms(11_000));
        assertThat(breaker.window()).isEqualTo(new WindowCounts(2, 2, 0));
        record(breaker, ERROR, 2);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        record(breaker, ERROR, 1);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void aReusedSlotStartsFromZero() {
        fixture.now.set(0);
        CircuitBreaker breaker = fixture.breaker(config(1000, 0.5));
        record(breaker, ERROR, 4);
        // the same slot, one whole window later
        fixture.now.set(WINDOW.toNanos());
        record(breaker, OK, 1);
        assertThat(breaker.window()).isEqualTo(new WindowCounts(1, 0, 0));
    }

    @Test
    void theSlowCallRateOpensIt() {
        // a call as slow as the limit counts as slow
        CircuitBreaker breaker = fixture.breaker(config(4, 0.5, FIVE_XX, Duration.ofSeconds(1), 0.5));
        record(breaker, TryOutcome.response(200, ms(999)), 2);
        record(breaker, TryOutcome.response(200, ms(1000)), 1);
        assertThat(breaker.window()).isEqualTo(new WindowCounts(3, 0, 1));
        record(breaker, TryOutcome.response(200, ms(5000)), 1);
        assertThat(breaker.window()).isEqualTo(new WindowCounts(4, 0, 2));
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void slownessIsIgnoredWithoutASlowCallLimit() {
        CircuitBreaker breaker = fixture.breaker(config(4, 0.5, FIVE_XX, null, 0.0));
        record(breaker, TryOutcome.response(200, Long.MAX_VALUE), 10);
        assertThat(breaker.window()).isEqualTo(new WindowCounts(10, 0, 0));
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void onlyTheConfiguredFailuresCount() {
        FailureConditions gatewayErrors = new FailureConditions(true, false, false, StatusSet.range(502, 504));
        CircuitBreaker breaker = fixture.breaker(config(2, 0.5, gatewayErrors, null, 1.0));
        record(breaker, TryOutcome.response(404, ms(5)), 3);
        record(breaker, TryOutcome.response(500, ms(5)), 3);
        record(breaker, TryOutcome.failure(TryOutcome.Kind.RESET, ms(5)), 3);
        record(breaker, TryOutcome.failure(TryOutcome.Kind.TIMEOUT, ms(5)), 3);
        assertThat(breaker.window()).isEqualTo(new WindowCounts(12, 0, 0));
        record(breaker, TryOutcome.failure(TryOutcome.Kind.CONNECT_FAILURE, ms(5)), 6);
        assertThat(breaker.window()).isEqualTo(new WindowCounts(18, 6, 0));
        record(breaker, TryOutcome.response(503, ms(5)), 6);
        assertThat(breaker.state()).isEqualTo(State.OPEN);

        FailureConditions notFound = new FailureConditions(false, false, false, StatusSet.parse(List.of("404")));
        CircuitBreaker strict = fixture.breaker(config(2, 0.5, notFound, null, 1.0));
        record(strict, TryOutcome.response(404, ms(5)), 2);
        assertThat(strict.state()).isEqualTo(State.OPEN);
    }

    @Test
    void aBreakerWithoutProbesIsRefused() {
        BreakerConfig noProbes = new BreakerConfig(WINDOW, 10, 4, 0.5, OPEN_FOR, 0, FIVE_XX, null, 1.0);
        assertThatThrownBy(() -> fixture.breaker(noProbes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected at least 1 half-open request, got 0");
    }
}
