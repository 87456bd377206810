package io.gatehouse.upstream.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.BreakerConfig;
import io.gatehouse.config.FailureConditions;
import io.gatehouse.config.StatusSet;
import io.gatehouse.upstream.TryOutcome;
import io.gatehouse.upstream.resilience.CircuitBreaker.Permit;
import io.gatehouse.upstream.resilience.CircuitBreaker.State;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Breakers on a clock the test moves, with a window of ten one-second buckets and two half-open probes. */
final class BreakerFixture {

    static final Duration WINDOW = Duration.ofSeconds(10);
    static final Duration OPEN_FOR = Duration.ofSeconds(30);
    static final FailureConditions FIVE_XX = new FailureConditions(true, true, true,
            StatusSet.parse(List.of("5xx")));

    static final TryOutcome OK = TryOutcome.response(200, ms(5));
    static final TryOutcome ERROR = TryOutcome.response(503, ms(5));

    final AtomicLong now = new AtomicLong(1_000_000_000L);

    static BreakerConfig config(int minRequests, double errorRate, FailureConditions failures, Duration slowCall,
                                double slowCallRate) {
        return new BreakerConfig(WINDOW, 10, minRequests, errorRate, OPEN_FOR, 2, failures, slowCall, slowCallRate);
    }

    static BreakerConfig config(int minRequests, double errorRate) {
        return config(minRequests, errorRate, FIVE_XX, null, 1.0);
    }

    CircuitBreaker breaker(BreakerConfig config) {
        return new CircuitBreaker("users", config, now::get);
    }

    /** Open at {@code now}, after 4 failures. */
    CircuitBreaker opened() {
        CircuitBreaker breaker = breaker(config(4, 0.5));
        record(breaker, ERROR, 4);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        return breaker;
    }

    /** Half open with no probe taken. */
    CircuitBreaker halfOpened() {
        CircuitBreaker breaker = opened();
        now.addAndGet(OPEN_FOR.toNanos());
        Permit probe = breaker.acquire();
        breaker.onAbandoned(probe);
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        return breaker;
    }

    /** Admits {@code times} requests, each ending with {@code outcome}. */
    static void record(CircuitBreaker breaker, TryOutcome outcome, int times) {
        for (int i = 0; i < times; i++) {
            Permit permit = breaker.acquire();
            assertThat(permit).as("admitted").isNotNull();
            breaker.onResult(permit, outcome);
        }
    }

    static long ms(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }
}
