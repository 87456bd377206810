package io.gatehouse.ratelimit.local;

import static io.gatehouse.ratelimit.local.TestLimiters.MS;
import static io.gatehouse.ratelimit.local.TestLimiters.SECOND;
import static io.gatehouse.ratelimit.local.TestLimiters.allowed;
import static io.gatehouse.ratelimit.local.TestLimiters.decide;
import static io.gatehouse.ratelimit.local.TestLimiters.local;
import static io.gatehouse.ratelimit.local.TestLimiters.perSecond;
import static io.gatehouse.ratelimit.local.TestLimiters.rejected;
import static io.gatehouse.ratelimit.local.TestLimiters.tokenBucket;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketCounterTest {

    private final ManualClock clock = new ManualClock(1_000 * SECOND);
    /** 10 tokens, one back every 100 ms. */
    private final LocalRateLimiter limiter = new LocalRateLimiter(local("api", tokenBucket(10, perSecond(10))), clock);

    @Test
    void aFullBucketAllowsItsCapacityAtOnceThenRefillsAtTheRate() {
        for (int taken = 1; taken <= 10; taken++) {
            assertThat(decide(limiter, "k")).isEqualTo(allowed(10, 10 - taken, taken * 100 * MS));
        }
        assertThat(decide(limiter, "k")).isEqualTo(rejected(10, 0, SECOND, 100 * MS));

        clock.advanceNanos(100 * MS);
        assertThat(decide(limiter, "k")).isEqualTo(allowed(10, 0, SECOND));
        assertThat(decide(limiter, "k")).isEqualTo(rejected(10, 0, SECOND, 100 * MS));

        clock.advanceNanos(SECOND);
        assertThat(decide(limiter, "k")).isEqualTo(allowed(10, 9, 100 * MS));
    }

    @Test
    void partialTokensCarryOverBetweenRefills() {
        drain("k", 10);
        clock.advanceNanos(250 * MS);
        assertThat(decide(limiter, "k").proceeds()).isTrue();
        assertThat(decide(limiter, "k")).isEqualTo(allowed(10, 0, 950 * MS));
        assertThat(decide(limiter, "k")).as("half a token").isEqualTo(rejected(10, 0, 950 * MS, 50 * MS));

        clock.advanceNanos(50 * MS);
        assertThat(decide(limiter, "k")).isEqualTo(allowed(10, 0, SECOND));
    }

    @Test
    void refillIsExactAtRatesThatDoNotDivideASecond() {
        LocalRateLimiter thirds = new LocalRateLimiter(local("thirds", tokenBucket(3, perSecond(3))), clock);
        long third = SECOND / 3;

        assertThat(decide(thirds, "k")).isEqualTo(allowed(3, 2, third + 1));
        assertThat(decide(thirds, "k")).isEqualTo(allowed(3, 1, 2 * third + 1));
        assertThat(decide(thirds, "k")).as("a whole burst of the capacity").isEqualTo(allowed(3, 0, SECOND));
        assertThat(decide(thirds, "k")).isEqualTo(rejected(3, 0, SECOND, third + 1));

        clock.advanceNanos(third);
        assertThat(decide(thirds, "k")).as("0.999999999 tokens").isEqualTo(rejected(3, 0, 2 * third + 1, 1));
        clock.advanceNanos(1);
        assertThat(decide(thirds, "k")).as("1.000000002 tokens").isEqualTo(allowed(3, 0, SECOND));

        clock.advanceNanos(SECOND);
        assertThat(drain(thirds, "k")).isEqualTo(3);
    }

    @Test
    void aRequestTakesItsCostAndWaitsForAllOfIt() {
        assertThat(decide(limiter, "k", 4)).isEqualTo(allowed(10, 6, 400 * MS));
        assertThat(decide(limiter, "k", 7)).isEqualTo(rejected(10, 6, 400 * MS, 100 * MS));
        assertThat(decide(limiter, "k", 6)).isEqualTo(allowed(10, 0, SECOND));
        assertThat(decide(limiter, "k", 11)).as("more than the capacity never fits")
                .isEqualTo(rejected(10, 0, SECOND, Counter.NEVER));
    }

    @Test
    void aChargeAfterTheFactDrivesTheBucketBelowZeroAndLaterRequestsWaitItOut() {
        assertThat(decide(limiter, "k")).isEqualTo(allowed(10, 9, 100 * MS));
        limiter.charge("k", 15);

        // 16 tokens used of 10: six below zero, and one more needed.
        assertThat(decide(limiter, "k")).isEqualTo(rejected(10, 0, 1_600 * MS, 700 * MS));
        clock.advanceNanos(699 * MS);
        assertThat(decide(limiter, "k")).isEqualTo(rejected(10, 0, 901 * MS, MS));
        clock.advanceNanos(MS);
        assertThat(decide(limiter, "k")).isEqualTo(allowed(10, 0, SECOND));
    }

    @Test
    void keysHaveTheirOwnBuckets() {
        drain("a", 10);
        assertThat(decide(limiter, "a").proceeds()).isFalse();
        assertThat(decide(limiter, "b")).isEqualTo(allowed(10, 9, 100 * MS));
    }

    private void drain(String key, int expected) {
        assertThat(drain(limiter, key)).isEqualTo(expected);
    }

    /** Takes tokens until refused; returns how many were taken. */
    private static int drain(LocalRateLimiter limiter, String key) {
        int taken = 0;
        while (decide(limiter, key).proceeds()) {
            taken++;
        }
        return taken;
    }
}
