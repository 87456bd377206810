package io.gatehouse.upstream.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.config.BreakerConfig;
import io.gatehouse.config.FailureConditions;
import io.gatehouse.config.StatusSet;
import io.gatehouse.upstream.TryOutcome;
import io.gatehouse.upstream.resilience.CircuitBreaker.Permit;
import io.gatehouse.upstream.resilience.CircuitBreaker.State;
import io.gatehouse.upstream.resilience.CircuitBreaker.WindowCounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    static final Duration WINDOW = Duration.ofSeconds(10);
    static final Duration OPEN_FOR = Duration.ofSeconds(30);
    static final FailureConditions FIVE_XX = new FailureConditions(true, true, true,
            StatusSet.parse(List.of("5xx")));

    static final TryOutcome OK = TryOutcome.response(200, ms(5));
    static final TryOutcome ERROR = TryOutcome.response(503, ms(5));

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    static BreakerConfig config(int minRequests, double errorRate, FailureConditions failures, Duration slowCall,
                                double slowCallRate) {
        return new BreakerConfig(WINDOW, 10, minRequests, errorRate, OPEN_FOR, 2, failures, slowCall, slowCallRate);
    }

    static BreakerConfig config(int minRequests, double errorRate) {
        return config(minRequests, errorRate, FIVE_XX, null, 1.0);
    }

    private CircuitBreaker breaker(BreakerConfig config) {
        return new CircuitBreaker("users", config, now::get);
    }

    @Test
    void staysClosedUntilTheWindowHoldsTheMinimumVolume() {
        CircuitBreaker breaker = breaker(config(10, 0.5));
        record(breaker, ERROR, 9);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.window()).isEqualTo(new WindowCounts(9, 9, 0));

        record(breaker, ERROR, 1);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.timesOpened()).isEqualTo(1);
        assertThat(breaker.tryAcquire()).isFalse();
    }

    @Test
    void theErrorRateOpensExactlyAtTheThreshold() {
        // 0.14 * 50 is 7.000000000000001 in doubles: the comparison must not be a multiplication
        CircuitBreaker justBelow = breaker(config(50, 0.14));
        record(justBelow, OK, 44);
        record(justBelow, ERROR, 6);
        assertThat(justBelow.window()).isEqualTo(new WindowCounts(50, 6, 0));
        assertThat(justBelow.state()).isEqualTo(State.CLOSED);

        CircuitBreaker atThreshold = breaker(config(50, 0.14));
        record(atThreshold, OK, 43);
        record(atThreshold, ERROR, 7);
        assertThat(atThreshold.state()).isEqualTo(State.OPEN);
    }

    @Test
    void oldOutcomesLeaveTheWindowBucketByBucket() {
        // ten one-second buckets; 0.5 with at least 5 requests opens
        now.set(0);
        CircuitBreaker breaker = breaker(config(5, 0.5));
        record(breaker, ERROR, 2);
        now.set(ms(1000));
        record(breaker, OK, 3);
        assertThat(breaker.window()).isEqualTo(new WindowCounts(5, 2, 0));

        now.set(ms(9999));
        assertThat(breaker.window()).isEqualTo(new WindowCounts(5, 2, 0));
        now.set(ms(10_000));
        assertThat(breaker.window()).isEqualTo(new WindowCounts(3, 0, 0));

        // with the first bucket gone, 2 failures of 5 stay below the rate (4 of 7 would not)
        record(breaker, ERROR, 2);
        assertThat(breaker.window()).isEqualTo(new WindowCounts(5, 2, 0));
        assertThat(breaker.state()).isEqualTo(State.CLOSED);

        now.set(ms(10_999));
        assertThat(breaker.window()).isEqualTo(new WindowCounts(5, 2, 0));
        now.set(ms(11_000));
        assertThat(breaker.window()).isEqualTo(new WindowCounts(2, 2, 0));
        record(breaker, ERROR, 2);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        record(breaker, ERROR, 1);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void aReusedSlotStartsFromZero() {
        now.set(0);
        CircuitBreaker breaker = breaker(config(1000, 0.5));
        record(breaker, ERROR, 4);
        // the same slot, one whole window later
        now.set(WINDOW.toNanos());
        record(breaker, OK, 1);
        assertThat(breaker.window()).isEqualTo(new WindowCounts(1, 0, 0));
    }

    @Test
    void staysOpenForTheOpenPeriodThenLetsAProbeThrough() {
        CircuitBreaker breaker = opened();
        assertThat(breaker.remainingOpenNanos()).isEqualTo(OPEN_FOR.toNanos());

        now.addAndGet(OPEN_FOR.toNanos() - 1);
        assertThat(breaker.tryAcquire()).isFalse();
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.remainingOpenNanos()).isEqualTo(1);

        now.addAndGet(1);
        assertThat(breaker.remainingOpenNanos()).isZero();
        assertThat(breaker.acquire()).isNotNull();
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.remainingOpenNanos()).isZero();
    }

    @Test
    void halfOpenLetsOnlyTheConfiguredProbesThrough() {
        CircuitBreaker breaker = halfOpened();
        assertThat(breaker.acquire()).isNotNull();
        assertThat(breaker.acquire()).isNotNull();
        assertThat(breaker.acquire()).isNull();
        assertThat(breaker.tryAcquire()).isFalse();
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void allProbesSucceedingClosesWithAFreshWindow() {
        // open for less than the window, so the failures that opened it are still inside the window on closing
        Duration openFor = Duration.ofSeconds(1);
        CircuitBreaker breaker = breaker(new BreakerConfig(WINDOW, 10, 4, 0.5, openFor, 2, FIVE_XX, null, 1.0));
        record(breaker, ERROR, 4);
        now.addAndGet(openFor.toNanos());
        Permit first = breaker.acquire();
        Permit second = breaker.acquire();
        assertThat(breaker.window()).as("the window that opened it").isEqualTo(new WindowCounts(4, 4, 0));

        breaker.onResult(first, OK);
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.acquire()).as("a succeeded probe still holds its slot").isNull();
        breaker.onResult(second, OK);

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.window()).isEqualTo(new WindowCounts(0, 0, 0));
        record(breaker, ERROR, 3);
        assertThat(breaker.window()).isEqualTo(new WindowCounts(3, 3, 0));
        assertThat(breaker.state()).as("the old failures are gone").isEqualTo(State.CLOSED);
        assertThat(breaker.timesOpened()).isEqualTo(1);
    }

    @Test
    void oneFailedProbeReopensForANewOpenPeriod() {
        CircuitBreaker breaker = halfOpened();
        Permit first = breaker.acquire();
        Permit second = breaker.acquire();
        breaker.onResult(first, OK);

        now.addAndGet(ms(700));
        breaker.onResult(second, TryOutcome.failure(TryOutcome.Kind.TIMEOUT, ms(500)));
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.timesOpened()).isEqualTo(2);
        assertThat(breaker.remainingOpenNanos()).isEqualTo(OPEN_FOR.toNanos());

        now.addAndGet(OPEN_FOR.toNanos() - 1);
        assertThat(breaker.tryAcquire()).isFalse();
        now.addAndGet(1);
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void anAbandonedProbeFreesItsSlot() {
        CircuitBreaker breaker = halfOpened();
        Permit first = breaker.acquire();
        Permit second = breaker.acquire();
        assertThat(breaker.acquire()).isNull();

        breaker.onAbandoned(first);
        Permit third = breaker.acquire();
        assertThat(third).isNotNull();
        assertThat(breaker.acquire()).isNull();

        breaker.onResult(second, OK);
        breaker.onResult(third, OK);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void requestsAdmittedWhileClosedDoNotCountAsProbes() {
        CircuitBreaker breaker = breaker(config(4, 0.5));
        List<Permit> lateOnes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            lateOnes.add(breaker.acquire());
        }
        record(breaker, ERROR, 4);
        now.addAndGet(OPEN_FOR.toNanos());
        Permit probe = breaker.acquire();
        WindowCounts openedWith = breaker.window();

        breaker.onResult(lateOnes.get(0), ERROR);
        assertThat(breaker.state()).as("a late failure does not reopen").isEqualTo(State.HALF_OPEN);
        breaker.onAbandoned(lateOnes.get(1));
        Permit second = breaker.acquire();
        assertThat(second).isNotNull();
        assertThat(breaker.acquire()).as("a late abandonment frees no probe slot").isNull();
        breaker.onResult(lateOnes.get(2), OK);
        breaker.onResult(probe, OK);
        assertThat(breaker.state()).as("a late success is not a probe success").isEqualTo(State.HALF_OPEN);
        assertThat(breaker.window()).as("late outcomes are not counted").isEqualTo(openedWith);

        breaker.onResult(second, OK);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void outcomesFromBeforeAReopeningDoNotCountTowardsTheNextClose() {
        CircuitBreaker breaker = halfOpened();
        Permit failing = breaker.acquire();
        Permit straggler = breaker.acquire();
        breaker.onResult(failing, ERROR);
        now.addAndGet(OPEN_FOR.toNanos());

        Permit probe = breaker.acquire();
        breaker.onResult(straggler, OK);
        breaker.onResult(probe, OK);
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void theSlowCallRateOpensIt() {
        // a call as slow as the limit counts as slow
        CircuitBreaker breaker = breaker(config(4, 0.5, FIVE_XX, Duration.ofSeconds(1), 0.5));
        record(breaker, TryOutcome.response(200, ms(999)), 2);
        record(breaker, TryOutcome.response(200, ms(1000)), 1);
        assertThat(breaker.window()).isEqualTo(new WindowCounts(3, 0, 1));
        record(breaker, TryOutcome.response(200, ms(5000)), 1);
        assertThat(breaker.window()).isEqualTo(new WindowCounts(4, 0, 2));
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void slownessIsIgnoredWithoutASlowCallLimit() {
        CircuitBreaker breaker = breaker(config(4, 0.5, FIVE_XX, null, 0.0));
        record(breaker, TryOutcome.response(200, Long.MAX_VALUE), 10);
        assertThat(breaker.window()).isEqualTo(new WindowCounts(10, 0, 0));
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void aSlowProbeReopens() {
        CircuitBreaker breaker = breaker(config(2, 0.5, FIVE_XX, Duration.ofSeconds(1), 0.5));
        record(breaker, TryOutcome.response(200, ms(2000)), 2);
        now.addAndGet(OPEN_FOR.toNanos());
        Permit probe = breaker.acquire();
        breaker.onResult(probe, TryOutcome.response(200, ms(2000)));
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.timesOpened()).isEqualTo(2);
    }

    @Test
    void onlyTheConfiguredFailuresCount() {
        FailureConditions gatewayErrors = new FailureConditions(true, false, false, StatusSet.range(502, 504));
        CircuitBreaker breaker = breaker(config(2, 0.5, gatewayErrors, null, 1.0));
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
        CircuitBreaker strict = breaker(config(2, 0.5, notFound, null, 1.0));
        record(strict, TryOutcome.response(404, ms(5)), 2);
        assertThat(strict.state()).isEqualTo(State.OPEN);
    }

    @Test
    void thePermitFreeMethodsDriveTheSameCycle() {
        CircuitBreaker breaker = breaker(config(2, 0.5));
        for (int i = 0; i < 2; i++) {
            assertThat(breaker.tryAcquire()).isTrue();
            breaker.onResult(ERROR);
        }
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        now.addAndGet(OPEN_FOR.toNanos());
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.tryAcquire()).isFalse();
        breaker.onAbandoned();
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onResult(OK);
        breaker.onResult(OK);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void strayPermitFreeOutcomesCannotConjureProbes() {
        CircuitBreaker breaker = halfOpened();
        // outcomes of requests admitted while closed, reported without their permit, before any probe started
        breaker.onResult(OK);
        breaker.onAbandoned();

        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.tryAcquire()).isFalse();
        breaker.onResult(OK);
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        breaker.onResult(OK);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void aBreakerWithoutProbesIsRefused() {
        BreakerConfig noProbes = new BreakerConfig(WINDOW, 10, 4, 0.5, OPEN_FOR, 0, FIVE_XX, null, 1.0);
        assertThatThrownBy(() -> breaker(noProbes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected at least 1 half-open request, got 0");
    }

    /** Open at {@code now}, after 4 failures. */
    private CircuitBreaker opened() {
        CircuitBreaker breaker = breaker(config(4, 0.5));
        record(breaker, ERROR, 4);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        return breaker;
    }

    /** Half open with no probe taken. */
    private CircuitBreaker halfOpened() {
        CircuitBreaker breaker = opened();
        now.addAndGet(OPEN_FOR.toNanos());
        Permit probe = breaker.acquire();
        breaker.onAbandoned(probe);
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        return breaker;
    }

    private static void record(CircuitBreaker breaker, TryOutcome outcome, int times) {
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
