package io.gatehouse.ratelimit.redis;

import static io.gatehouse.ratelimit.redis.Limiters.decide;
import static io.gatehouse.ratelimit.redis.Limiters.firstRejection;
import static io.gatehouse.ratelimit.redis.Limiters.slowBucket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gatehouse.config.LimitAlgorithm;
import io.gatehouse.config.Rate;
import io.gatehouse.ratelimit.LimitDecision;
import io.gatehouse.ratelimit.LimitDecision.Verdict;
import io.gatehouse.testing.Eventually;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketScriptTest extends RealRedisTest {

    private static final long HOUR_NANOS = Duration.ofHours(1).toNanos();
    private static final long SECOND_NANOS = Duration.ofSeconds(1).toNanos();

    @Test
    void allowsABurstOfItsCapacityThenRejectsWithTheTimeUntilATokenIsBack() {
        RedisRateLimiter limiter = limiter("burst", slowBucket(3));

        for (long remaining = 2; remaining >= 0; remaining--) {
            LimitDecision decision = decide(limiter, "k", 1);
            assertThat(decision.verdict()).isEqualTo(Verdict.ALLOWED);
            assertThat(decision.limit()).isEqualTo(3);
            assertThat(decision.remaining()).isEqualTo(remaining);
            assertThat(decision.resetNanos()).isCloseTo((3 - remaining) * HOUR_NANOS, within(SECOND_NANOS));
        }
        LimitDecision rejected = decide(limiter, "k", 1);

        assertThat(rejected.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(rejected.remaining()).isZero();
        assertThat(rejected.waitNanos()).isCloseTo(HOUR_NANOS, within(10 * SECOND_NANOS));
        assertThat(decide(limiter, "other key", 1).verdict()).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void aCostTakesThatManyTokens() {
        RedisRateLimiter limiter = limiter("cost", slowBucket(10));

        assertThat(decide(limiter, "k", 7).remaining()).isEqualTo(3);
        LimitDecision rejected = decide(limiter, "k", 4);

        assertThat(rejected.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(rejected.waitNanos()).isCloseTo(HOUR_NANOS, within(10 * SECOND_NANOS));
        assertThat(decide(limiter, "k", 3).verdict()).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void refillsOverRedisTime() {
        // 2 tokens a second: the next one is back within half a second
        RedisRateLimiter limiter = limiter("refill", new LimitAlgorithm.TokenBucket(1,
                new Rate(2, Duration.ofSeconds(1)), 1));

        LimitDecision rejected = firstRejection(limiter);

        assertThat(rejected.waitNanos()).isBetween(1L, SECOND_NANOS / 2);
        Eventually.await("a token back in the bucket", Duration.ofSeconds(5),
                () -> decide(limiter, "k", 1).verdict() == Verdict.ALLOWED);
    }

    @Test
    void aChargeTakesTheBucketIntoDebtThatLaterRequestsWaitOut() {
        RedisRateLimiter limiter = limiter("charge", slowBucket(5));
        String key = redisKey("charge", "tb", "k");

        limiter.charge("k", 8);
        Eventually.await("the charge applied", Duration.ofSeconds(5),
                () -> "-3".equals(inspector.redis().hget(key, "tokens")));
        LimitDecision rejected = decide(limiter, "k", 1);

        assertThat(rejected.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(rejected.remaining()).isZero();
        assertThat(rejected.waitNanos()).isCloseTo(4 * HOUR_NANOS, within(10 * SECOND_NANOS));
        assertThat(rejected.resetNanos()).isCloseTo(8 * HOUR_NANOS, within(10 * SECOND_NANOS));
    }

    @Test
    void anIdleKeyExpiresOnceItsBucketWouldBeFull() {
        // 10 tokens a second: one token taken is back after 100 ms, and the key with it
        RedisRateLimiter limiter = limiter("expiry", new LimitAlgorithm.TokenBucket(10,
                new Rate(10, Duration.ofSeconds(1)), 1));
        String key = redisKey("expiry", "tb", "k");

        assertThat(decide(limiter, "k", 1).verdict()).isEqualTo(Verdict.ALLOWED);

        assertThat(inspector.redis().pttl(key)).isBetween(1L, 101L);
        Eventually.await("the idle key gone", Duration.ofSeconds(5), () -> inspector.redis().exists(key) == 0);
    }
}
