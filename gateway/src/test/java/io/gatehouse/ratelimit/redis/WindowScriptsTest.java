package io.gatehouse.ratelimit.redis;

import static io.gatehouse.ratelimit.redis.Limiters.decide;
import static io.gatehouse.ratelimit.redis.Limiters.firstRejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gatehouse.config.LimitAlgorithm.FixedWindow;
import io.gatehouse.config.LimitAlgorithm.SlidingWindow;
import io.gatehouse.ratelimit.LimitDecision;
import io.gatehouse.ratelimit.LimitDecision.Verdict;
import io.gatehouse.testing.Eventually;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowScriptsTest extends RealRedisTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final long HOUR_MICROS = HOUR.toNanos() / 1000;
    private static final long SECOND_NANOS = Duration.ofSeconds(1).toNanos();

    @Test
    void aFixedWindowAdmitsItsLimitUntilTheWindowAlignedOnRedisTimeEnds() {
        RedisRateLimiter limiter = limiter("fixed", new FixedWindow(3, HOUR));
        long windowEndNanos = (HOUR_MICROS - redisMicros() % HOUR_MICROS) * 1000;

        for (long remaining = 2; remaining >= 0; remaining--) {
            LimitDecision decision = decide(limiter, "k", 1);
            assertThat(decision.verdict()).isEqualTo(Verdict.ALLOWED);
            assertThat(decision.remaining()).isEqualTo(remaining);
            assertThat(decision.resetNanos()).isCloseTo(windowEndNanos, within(SECOND_NANOS));
        }
        LimitDecision rejected = decide(limiter, "k", 1);

        assertThat(rejected.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(rejected.waitNanos()).isEqualTo(rejected.resetNanos())
                .isCloseTo(windowEndNanos, within(SECOND_NANOS));
        assertThat(inspector.redis().pttl(redisKey("fixed", "fw", "k")))
                .isCloseTo(windowEndNanos / 1_000_000, within(1000L));
    }

    @Test
    void aFixedWindowStartsAfreshInTheNextWindow() {
        RedisRateLimiter limiter = limiter("next", new FixedWindow(1, Duration.ofSeconds(1)));

        LimitDecision rejected = firstRejection(limiter);

        assertThat(rejected.waitNanos()).isBetween(1L, SECOND_NANOS);
        Eventually.await("the next window", Duration.ofSeconds(5),
                () -> decide(limiter, "k", 1).verdict() == Verdict.ALLOWED);
    }

    @Test
    void aSlidingWindowAdmitsItsLimitThenWaitsForTheNextWindowToSlideFarEnough() {
        RedisRateLimiter limiter = limiter("sliding", new SlidingWindow(3, HOUR));
        long leftNanos = (HOUR_MICROS - redisMicros() % HOUR_MICROS) * 1000;

        for (int i = 0; i < 3; i++) {
            assertThat(decide(limiter, "k", 1).verdict()).isEqualTo(Verdict.ALLOWED);
        }
        LimitDecision rejected = decide(limiter, "k", 1);

        // in the next window these 3 count for less and less: 2 of 3, leaving room for 1, a third of the way in
        assertThat(rejected.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(rejected.waitNanos()).isCloseTo(leftNanos + HOUR.toNanos() / 3, within(SECOND_NANOS));
        assertThat(rejected.resetNanos()).isCloseTo(leftNanos + HOUR.toNanos(), within(SECOND_NANOS));
    }

    @Test
    void aSlidingWindowWeighsThePreviousWindowByHowMuchOfItStillCounts() {
        RedisRateLimiter limiter = limiter("weighted", new SlidingWindow(100, HOUR));
        long now = redisMicros();
        long start = now - now % HOUR_MICROS;
        // half the limit in the previous window, so the request is admitted whatever the time of the hour
        inspector.redis().hset(redisKey("weighted", "sw", "k"), Map.of("start", Long.toString(start - HOUR_MICROS),
                "current", "50", "previous", "0"));
        double stillCounted = 50.0 * (HOUR_MICROS - now % HOUR_MICROS) / HOUR_MICROS;

        LimitDecision decision = decide(limiter, "k", 1);

        assertThat(decision.verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat((double) decision.remaining()).isCloseTo(100 - stillCounted - 1, within(1.0));
    }

    @Test
    void aSlidingWindowForgetsWindowsOlderThanThePreviousOne() {
        RedisRateLimiter limiter = limiter("forgotten", new SlidingWindow(100, HOUR));
        long now = redisMicros();
        long start = now - now % HOUR_MICROS;
        inspector.redis().hset(redisKey("forgotten", "sw", "k"), Map.of("start",
                Long.toString(start - 2 * HOUR_MICROS), "current", "100", "previous", "100"));

        assertThat(decide(limiter, "k", 1).remaining()).isEqualTo(99);
    }

    @Test
    void aChargeCountsBeyondTheLimit() {
        RedisRateLimiter limiter = limiter("charged", new FixedWindow(3, HOUR));
        String key = redisKey("charged", "fw", "k");

        limiter.charge("k", 5);
        Eventually.await("the charge applied", Duration.ofSeconds(5),
                () -> "5".equals(inspector.redis().hget(key, "count")));
        LimitDecision rejected = decide(limiter, "k", 1);

        assertThat(rejected.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(rejected.remaining()).isZero();
    }
}
