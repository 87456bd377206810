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

import io.gatehouse.config.BreakerConfig;
import io.gatehouse.upstream.TryOutcome;
import io.gatehouse.upstream.resilience.CircuitBreaker.Permit;
import io.gatehouse.upstream.resilience.CircuitBreaker.State;
import io.gatehouse.upstream.resilience.CircuitBreaker.WindowCounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Open, half open and back: timing, probes, and outcomes that arrive after their period ended. */
class CircuitBreakerRecoveryTest {

    private final BreakerFixture fixture = new BreakerFixture();

    @Test
    void staysOpenForTheOpenPeriodThenLetsAProbeThrough() {
        CircuitBreaker breaker = fixture.opened();
        assertThat(breaker.remainingOpenNanos()).isEqualTo(OPEN_FOR.toNanos());

        fixture.now.addAndGet(OPEN_FOR.toNanos() - 1);
        assertThat(breaker.acquire()).isNull();
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.remainingOpenNanos()).isEqualTo(1);

        fixture.now.addAndGet(1);
        assertThat(breaker.remainingOpenNanos()).isZero();
        assertThat(breaker.acquire()).isNotNull();
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.remainingOpenNanos()).isZero();
    }

    @Test
    void anIdleBreakerReportsHalfOpenOnceItsOpenPeriodIsOver() {
        CircuitBreaker breaker = fixture.opened();
        fixture.now.addAndGet(OPEN_FOR.toNanos() - 1);
        assertThat(breaker.state()).isEqualTo(State.OPEN);

        fixture.now.addAndGet(1);
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.remainingOpenNanos()).isZero();
    }

    @Test
    void halfOpenLetsOnlyTheConfiguredProbesThrough() {
        CircuitBreaker breaker = fixture.halfOpened();
        assertThat(breaker.acquire()).isNotNull();
        assertThat(breaker.acquire()).isNotNull();
        assertThat(breaker.acquire()).isNull();
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void allProbesSucceedingClosesWithAFreshWindow() {
        // open for less than the window, so the failures that opened it are still inside the window on closing
        Duration openFor = Duration.ofSeconds(1);
        CircuitBreaker breaker = fixture.breaker(new BreakerConfig(WINDOW, 10, 4, 0.5, openFor, 2, FIVE_XX, null, 1.0));
        record(breaker, ERROR, 4);
        fixture.now.addAndGet(openFor.toNanos());
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
        CircuitBreaker breaker = fixture.halfOpened();
        Permit first = breaker.acquire();
        Permit second = breaker.acquire();
        breaker.onResult(first, OK);

        fixture.now.addAndGet(ms(700));
        breaker.onResult(second, TryOutcome.failure(TryOutcome.Kind.TIMEOUT, ms(500)));
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.timesOpened()).isEqualTo(2);
        assertThat(breaker.remainingOpenNanos()).isEqualTo(OPEN_FOR.toNanos());

        fixture.now.addAndGet(OPEN_FOR.toNanos() - 1);
        assertThat(breaker.acquire()).isNull();
        fixture.now.addAndGet(1);
        assertThat(breaker.acquire()).isNotNull();
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void anAbandonedProbeFreesItsSlot() {
        CircuitBreaker breaker = fixture.halfOpened();
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
        CircuitBreaker breaker = fixture.breaker(config(4, 0.5));
        List<Permit> lateOnes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            lateOnes.add(breaker.acquire());
        }
        record(breaker, ERROR, 4);
        fixture.now.addAndGet(OPEN_FOR.toNanos());
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
        CircuitBreaker breaker = fixture.halfOpened();
        Permit failing = breaker.acquire();
        Permit straggler = breaker.acquire();
        breaker.onResult(failing, ERROR);
        fixture.now.addAndGet(OPEN_FOR.toNanos());

        Permit probe = breaker.acquire();
        breaker.onResult(straggler, OK);
        breaker.onResult(probe, OK);
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void aSlowProbeReopens() {
        CircuitBreaker breaker = fixture.breaker(config(2, 0.5, FIVE_XX, Duration.ofSeconds(1), 0.5));
        record(breaker, TryOutcome.response(200, ms(2000)), 2);
        fixture.now.addAndGet(OPEN_FOR.toNanos());
        Permit probe = breaker.acquire();
        breaker.onResult(probe, TryOutcome.response(200, ms(2000)));
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.timesOpened()).isEqualTo(2);
    }
}
