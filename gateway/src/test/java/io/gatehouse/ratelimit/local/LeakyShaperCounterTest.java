package io.gatehouse.ratelimit.local;

import static io.gatehouse.ratelimit.local.TestLimiters.MS;
import static io.gatehouse.ratelimit.local.TestLimiters.SECOND;
import static io.gatehouse.ratelimit.local.TestLimiters.allowed;
import static io.gatehouse.ratelimit.local.TestLimiters.decide;
import static io.gatehouse.ratelimit.local.TestLimiters.delayed;
import static io.gatehouse.ratelimit.local.TestLimiters.local;
import static io.gatehouse.ratelimit.local.TestLimiters.perSecond;
import static io.gatehouse.ratelimit.local.TestLimiters.rejected;
import static io.gatehouse.ratelimit.local.TestLimiters.shaper;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.ratelimit.LimitDecision.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeakyShaperCounterTest {

    private final ManualClock clock = new ManualClock(1_000 * SECOND);

    @Test
    void theKthQueuedRequestWaitsKIntervalsUntilTheQueueIsFull() {
        LocalRateLimiter limiter = limiter(3, Duration.ofSeconds(10));

        assertThat(decide(limiter, "k")).isEqualTo(allowed(3, 3, 100 * MS));
        assertThat(decide(limiter, "k")).isEqualTo(delayed(3, 2, 200 * MS, 100 * MS));
        assertThat(decide(limiter, "k")).isEqualTo(delayed(3, 1, 300 * MS, 200 * MS));
        assertThat(decide(limiter, "k")).isEqualTo(delayed(3, 0, 400 * MS, 300 * MS));
        assertThat(decide(limiter, "k")).as("a fourth would wait in the queue")
                .isEqualTo(rejected(3, 0, 400 * MS, 100 * MS));
    }

    @Test
    void aRequestThatWouldWaitLongerThanMaxWaitIsRejected() {
        LocalRateLimiter limiter = limiter(10, Duration.ofMillis(250));

        assertThat(decide(limiter, "k").waitNanos()).isZero();
        assertThat(decide(limiter, "k").waitNanos()).isEqualTo(100 * MS);
        assertThat(decide(limiter, "k").waitNanos()).isEqualTo(200 * MS);
        assertThat(decide(limiter, "k")).isEqualTo(rejected(10, 8, 300 * MS, 50 * MS));

        clock.advanceNanos(50 * MS);
        assertThat(decide(limiter, "k")).as("exactly max-wait").isEqualTo(delayed(10, 7, 350 * MS, 250 * MS));
    }

    @Test
    void requestsLeaveInArrivalOrderAtTheFixedRate() {
        LocalRateLimiter limiter = limiter(10, Duration.ofSeconds(10));
        long start = clock.nanoTime();
        List<Long> departures = new ArrayList<>();
        for (long arrival : new long[] {0, 30 * MS, 40 * MS, 250 * MS, 260 * MS, 800 * MS}) {
            clock.set(start + arrival);
            departures.add(arrival + decide(limiter, "k").waitNanos());
        }
        assertThat(departures).containsExactly(0L, 100 * MS, 200 * MS, 300 * MS, 400 * MS, 800 * MS);
    }

    @Test
    void waitsAreExactAtRatesThatDoNotDivideASecond() {
        LocalRateLimiter limiter = new LocalRateLimiter(local("thirds", shaper(perSecond(3), 5,
                Duration.ofSeconds(10))), clock);
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            waits.add(decide(limiter, "k").waitNanos());
        }
        assertThat(waits).containsExactly(0L, SECOND / 3 + 1, 2 * SECOND / 3 + 1, SECOND);
    }

    @Test
    void anIdleQueueEmptiesAndAdmitsAtOnceAgain() {
        LocalRateLimiter limiter = limiter(3, Duration.ofSeconds(10));
        for (int i = 0; i < 4; i++) {
            assertThat(decide(limiter, "k").proceeds()).isTrue();
        }
        clock.advanceNanos(400 * MS);
        assertThat(decide(limiter, "k")).isEqualTo(allowed(3, 3, 100 * MS));
    }

    @Test
    void aChargeDelaysTheRequestsAfterIt() {
        LocalRateLimiter limiter = limiter(3, Duration.ofSeconds(10));
        limiter.charge("k", 2);
        assertThat(decide(limiter, "k")).isEqualTo(delayed(3, 1, 300 * MS, 200 * MS));
    }

    /** One leaving every 100 ms. */
    @Test
    void aPlaceGivenBackGoesToTheNextRequest() {
        LocalRateLimiter limiter = limiter(2, Duration.ofSeconds(10));
        decide(limiter, "k");
        decide(limiter, "k");
        decide(limiter, "k");
        assertThat(decide(limiter, "k").verdict()).as("the queue is full").isEqualTo(Verdict.REJECTED);

        limiter.giveBack("k", 1);

        assertThat(decide(limiter, "k")).as("the last one waiting leaves together with it")
                .isEqualTo(delayed(2, 0, 300 * MS, 200 * MS));
    }

    @Test
    void givingBackNeverMakesTheQueueLessThanEmptyNorTouchesOtherKeys() {
        LocalRateLimiter limiter = limiter(2, Duration.ofSeconds(10));
        decide(limiter, "k");
        limiter.giveBack("k", 1);
        limiter.giveBack("k", 5);
        limiter.giveBack("unseen", 1);

        assertThat(decide(limiter, "k")).isEqualTo(allowed(2, 2, 100 * MS));
        assertThat(decide(limiter, "k")).isEqualTo(delayed(2, 1, 200 * MS, 100 * MS));
    }

    @Test
    void aLimiterThatNeverDelaysIgnoresAGiveBack() {
        LocalRateLimiter limiter = new LocalRateLimiter(local("bucket", TestLimiters.tokenBucket(1, perSecond(1))),
                clock);
        decide(limiter, "k");
        limiter.giveBack("k", 1);

        assertThat(decide(limiter, "k").verdict()).isEqualTo(Verdict.REJECTED);
    }

    private LocalRateLimiter limiter(long queue, Duration maxWait) {
        return new LocalRateLimiter(local("shaper", shaper(perSecond(10), queue, maxWait)), clock);
    }
}
