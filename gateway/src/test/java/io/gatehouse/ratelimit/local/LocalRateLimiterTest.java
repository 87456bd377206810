package io.gatehouse.ratelimit.local;

import static io.gatehouse.ratelimit.local.TestLimiters.MS;
import static io.gatehouse.ratelimit.local.TestLimiters.SECOND;
import static io.gatehouse.ratelimit.local.TestLimiters.allowed;
import static io.gatehouse.ratelimit.local.TestLimiters.decide;
import static io.gatehouse.ratelimit.local.TestLimiters.delayed;
import static io.gatehouse.ratelimit.local.TestLimiters.fixedWindow;
import static io.gatehouse.ratelimit.local.TestLimiters.local;
import static io.gatehouse.ratelimit.local.TestLimiters.meter;
import static io.gatehouse.ratelimit.local.TestLimiters.perSecond;
import static io.gatehouse.ratelimit.local.TestLimiters.rejected;
import static io.gatehouse.ratelimit.local.TestLimiters.shaper;
import static io.gatehouse.ratelimit.local.TestLimiters.slidingWindow;
import static io.gatehouse.ratelimit.local.TestLimiters.tokenBucket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.config.LimiterConfig;
import io.gatehouse.config.Rate;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalRateLimiterTest {

    private final ManualClock clock = new ManualClock(10 * SECOND);

    @Test
    void aFloodOfDistinctKeysKeepsNoMoreThanMaxKeys() {
        LocalRateLimiter limiter = new LocalRateLimiter(local("flood", tokenBucket(5, perSecond(1)), 100,
                Duration.ofMinutes(10)), clock);
        for (int i = 0; i < 10_000; i++) {
            decide(limiter, "client-" + i);
        }
        assertThat(limiter.trackedKeys()).isBetween(90L, 100L);
    }

    @Test
    void aKeyUnusedForTheIdleExpiryIsForgotten() {
        // A window of an hour: only forgetting the key can let it in again within the hour.
        LocalRateLimiter limiter = new LocalRateLimiter(local("idle", fixedWindow(1, Duration.ofHours(1)), 100,
                Duration.ofMinutes(1)), clock);
        assertThat(decide(limiter, "k").proceeds()).isTrue();

        clock.advance(Duration.ofSeconds(59));
        assertThat(decide(limiter, "k").proceeds()).as("used within the minute").isFalse();
        clock.advance(Duration.ofSeconds(59));
        assertThat(limiter.trackedKeys()).isOne();

        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.trackedKeys()).isZero();
        assertThat(decide(limiter, "k").proceeds()).isTrue();
    }

    @Test
    void newNumbersApplyToWhatEachKeyHasUsed() {
        LocalRateLimiter limiter = new LocalRateLimiter(local("api", tokenBucket(10, perSecond(10))), clock);
        for (int i = 0; i < 10; i++) {
            decide(limiter, "k");
        }

        limiter.reconfigure(local("api", tokenBucket(20, perSecond(10))));
        assertThat(decide(limiter, "k")).as("10 used of 20").isEqualTo(allowed(20, 9, 1_100 * MS));

        limiter.reconfigure(local("api", tokenBucket(11, perSecond(1))));
        assertThat(limiter.config().algorithm()).isEqualTo(tokenBucket(11, perSecond(1)));
        assertThat(decide(limiter, "k")).as("11 used of 11, refilling at 1/s")
                .isEqualTo(rejected(11, 0, 11 * SECOND, SECOND));
    }

    @Test
    void aReloadThatKeepsTheRateKeepsTheBacklogAsItIs() {
        LocalRateLimiter limiter = new LocalRateLimiter(local("api", tokenBucket(10, perSecond(3))), clock);
        decide(limiter, "k");
        clock.advanceNanos(100 * MS);

        // 180/m is 3/s: the backlog, 1/3 s less 100 ms, stays to the sub-nanosecond.
        limiter.reconfigure(local("api", tokenBucket(10, new Rate(180, Duration.ofMinutes(1)))));
        assertThat(decide(limiter, "k")).as("1.7 tokens used")
                .isEqualTo(allowed(10, 8, 2 * SECOND / 3 - 100 * MS + 1));
    }

    @Test
    void aLeakyBucketSwitchesBetweenMeteringAndShapingWithItsQueue() {
        LocalRateLimiter limiter = new LocalRateLimiter(local("leaky", meter(perSecond(10), 2)), clock);
        decide(limiter, "k");
        decide(limiter, "k");

        limiter.reconfigure(local("leaky", shaper(perSecond(10), 5, Duration.ofSeconds(1))));
        assertThat(decide(limiter, "k")).as("two ahead").isEqualTo(delayed(5, 3, 300 * MS, 200 * MS));

        limiter.reconfigure(local("leaky", meter(perSecond(10), 3)));
        assertThat(decide(limiter, "k")).isEqualTo(rejected(3, 0, 300 * MS, 100 * MS));
    }

    @Test
    void aWindowInProgressRunsToItsEndWithItsCountWhenItsLengthChanges() {
        LocalRateLimiter limiter = new LocalRateLimiter(local("fixed", fixedWindow(2, Duration.ofSeconds(1))),
                clock);
        decide(limiter, "k");
        clock.advanceNanos(400 * MS);

        limiter.reconfigure(local("fixed", fixedWindow(2, Duration.ofMinutes(1))));
        assertThat(decide(limiter, "k")).isEqualTo(allowed(2, 0, 600 * MS));
        clock.advanceNanos(600 * MS);
        assertThat(decide(limiter, "k")).as("a window of the new length")
                .isEqualTo(allowed(2, 1, Duration.ofMinutes(1).toNanos() - 11 * SECOND));
    }

    @Test
    void aSlidingWindowOfANewLengthStartsWithTheEstimateAtTheReload() {
        LocalRateLimiter limiter = new LocalRateLimiter(local("sliding", slidingWindow(10, Duration.ofSeconds(1))),
                clock);
        for (int i = 0; i < 8; i++) {
            decide(limiter, "k");
        }
        clock.advanceNanos(SECOND + 250 * MS);

        // 8 weighted by 3/4 = 6 used.
        limiter.reconfigure(local("sliding", slidingWindow(10, Duration.ofSeconds(10))));
        assertThat(decide(limiter, "k")).isEqualTo(allowed(10, 3, 18_750 * MS));
    }

    @Test
    void anotherKindOfAlgorithmIsRefused() {
        LocalRateLimiter limiter = new LocalRateLimiter(local("api", tokenBucket(10, perSecond(10))), clock);
        LimiterConfig window = local("api", fixedWindow(10, Duration.ofSeconds(1)));

        assertThat(limiter.canReconfigure(window)).isFalse();
        assertThatThrownBy(() -> limiter.reconfigure(window)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected TokenBucket, got FixedWindow[limit=10");
    }

    @Test
    void newKeyBoundsApplyInPlace() {
        LocalRateLimiter limiter = new LocalRateLimiter(local("api", tokenBucket(10, perSecond(10)), 1_000,
                Duration.ofMinutes(10)), clock);
        for (int i = 0; i < 500; i++) {
            decide(limiter, "client-" + i);
        }
        limiter.reconfigure(local("api", tokenBucket(10, perSecond(10)), 50, Duration.ofMinutes(10)));
        assertThat(limiter.trackedKeys()).isBetween(45L, 50L);

        limiter.reconfigure(local("api", tokenBucket(10, perSecond(10)), 50, Duration.ofSeconds(1)));
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.trackedKeys()).isZero();
    }

    @Test
    void aNegativeCostIsRefused() {
        LocalRateLimiter limiter = new LocalRateLimiter(local("api", tokenBucket(10, perSecond(10))), clock);

        assertThatThrownBy(() -> limiter.acquire("k", -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a cost of at least 0, got -1");
        assertThatThrownBy(() -> limiter.charge("k", -2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a cost of at least 0, got -2");
    }

    @Test
    void aBucketThatCouldNotBeCountedIsRefused() {
        Rate perDay = new Rate(1, Duration.ofDays(1));

        assertThatThrownBy(() -> new LocalRateLimiter(local("api", tokenBucket(100_000_000, perDay)), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a capacity of at most 26687 at a rate of 1 per 86400000000000 ns, got "
                        + "100000000");
        assertThatThrownBy(() -> new LocalRateLimiter(local("api", tokenBucket(1, new Rate(2, Duration.ofNanos(1)))),
                clock)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a rate between 1 per period and 1 per nanosecond, got 2 per PT0.000000001S");
    }
}
