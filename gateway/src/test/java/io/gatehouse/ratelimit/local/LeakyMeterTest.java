package io.gatehouse.ratelimit.local;

import static io.gatehouse.ratelimit.local.TestLimiters.MS;
import static io.gatehouse.ratelimit.local.TestLimiters.SECOND;
import static io.gatehouse.ratelimit.local.TestLimiters.allowed;
import static io.gatehouse.ratelimit.local.TestLimiters.decide;
import static io.gatehouse.ratelimit.local.TestLimiters.local;
import static io.gatehouse.ratelimit.local.TestLimiters.meter;
import static io.gatehouse.ratelimit.local.TestLimiters.perSecond;
import static io.gatehouse.ratelimit.local.TestLimiters.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A leaky bucket without a wait: it meters, admitting at once or rejecting. */
class LeakyMeterTest {

    private final ManualClock clock = new ManualClock(1_000 * SECOND);
    /** Room for 3, one leaking out every 100 ms. */
    private final LocalRateLimiter limiter = new LocalRateLimiter(local("meter", meter(perSecond(10), 3)), clock);

    @Test
    void aRequestThatDoesNotFitIsRejectedUntilOneLeaksOut() {
        assertThat(decide(limiter, "k")).isEqualTo(allowed(3, 2, 100 * MS));
        assertThat(decide(limiter, "k")).isEqualTo(allowed(3, 1, 200 * MS));
        assertThat(decide(limiter, "k")).isEqualTo(allowed(3, 0, 300 * MS));
        assertThat(decide(limiter, "k")).isEqualTo(rejected(3, 0, 300 * MS, 100 * MS));

        clock.advanceNanos(60 * MS);
        assertThat(decide(limiter, "k")).isEqualTo(rejected(3, 0, 240 * MS, 40 * MS));
        clock.advanceNanos(40 * MS);
        assertThat(decide(limiter, "k")).isEqualTo(allowed(3, 0, 300 * MS));
    }

    @Test
    void anEmptiedBucketTakesItsQueueAgain() {
        for (int i = 0; i < 3; i++) {
            assertThat(decide(limiter, "k").proceeds()).isTrue();
        }
        clock.advanceNanos(300 * MS);
        assertThat(decide(limiter, "k")).isEqualTo(allowed(3, 2, 100 * MS));
    }
}
