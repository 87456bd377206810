package io.gatehouse.ratelimit.redis;

import static io.gatehouse.ratelimit.redis.Limiters.decide;
import static io.gatehouse.ratelimit.redis.Limiters.firstRejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gatehouse.config.LimitAlgorithm.LeakyBucket;
import io.gatehouse.config.Rate;
import io.gatehouse.ratelimit.LimitDecision;
import io.gatehouse.ratelimit.LimitDecision.Verdict;
import io.gatehouse.testing.Eventually;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LeakyBucketScriptTest extends RealRedisTest {

    private static final long SECOND_NANOS = Duration.ofSeconds(1).toNanos();
    private static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();
    private static final Rate ONE_A_MINUTE = new Rate(1, Duration.ofMinutes(1));

    @Test
    void aMeterAdmitsWhatFitsTheQueueAndRejectsTheRest() {
        RedisRateLimiter limiter = limiter("meter", new LeakyBucket(ONE_A_MINUTE, 3, Duration.ZERO));

        for (long remaining = 2; remaining >= 0; remaining--) {
            LimitDecision decision = decide(limiter, "k", 1);
            assertThat(decision.verdict()).isEqualTo(Verdict.ALLOWED);
            assertThat(decision.limit()).isEqualTo(3);
            assertThat(decision.remaining()).isEqualTo(remaining);
            assertThat(decision.waitNanos()).isZero();
        }
        LimitDecision rejected = decide(limiter, "k", 1);

        assertThat(rejected.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(rejected.waitNanos()).isCloseTo(MINUTE_NANOS, within(SECOND_NANOS));
        assertThat(rejected.resetNanos()).isCloseTo(3 * MINUTE_NANOS, within(SECOND_NANOS));
    }

    @Test
    void aMeterLeaksOverRedisTime() {
        RedisRateLimiter limiter = limiter("leak", new LeakyBucket(new Rate(2, Duration.ofSeconds(1)), 1,
                Duration.ZERO));

        LimitDecision rejected = firstRejection(limiter);

        assertThat(rejected.waitNanos()).isBetween(1L, SECOND_NANOS / 2);
        Eventually.await("room again in the bucket", Duration.ofSeconds(5),
                () -> decide(limiter, "k", 1).verdict() == Verdict.ALLOWED);
    }

    @Test
    void aShaperDelaysEachRequestUntilItsTurnAtTheFixedRate() {
        RedisRateLimiter limiter = limiter("shaper", new LeakyBucket(ONE_A_MINUTE, 3, Duration.ofMinutes(5)));

        LimitDecision first = decide(limiter, "k", 1);
        LimitDecision second = decide(limiter, "k", 1);
        LimitDecision third = decide(limiter, "k", 1);

        assertThat(first.verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(first.waitNanos()).isZero();
        assertThat(second.verdict()).isEqualTo(Verdict.DELAYED);
        assertThat(second.waitNanos()).isCloseTo(MINUTE_NANOS, within(SECOND_NANOS));
        assertThat(third.verdict()).isEqualTo(Verdict.DELAYED);
        assertThat(third.waitNanos()).isCloseTo(2 * MINUTE_NANOS, within(SECOND_NANOS));
        assertThat(third.remaining()).isZero();
    }

    @Test
    void aShaperRejectsWhenTheQueueIsFull() {
        RedisRateLimiter limiter = limiter("full", new LeakyBucket(ONE_A_MINUTE, 2, Duration.ofMinutes(5)));
        decide(limiter, "k", 1);
        decide(limiter, "k", 1);

        LimitDecision rejected = decide(limiter, "k", 1);

        assertThat(rejected.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(rejected.waitNanos()).isCloseTo(MINUTE_NANOS, within(SECOND_NANOS));
    }

    @Test
    void aShaperRejectsARequestThatWouldWaitLongerThanMaxWait() {
        RedisRateLimiter limiter = limiter("late", new LeakyBucket(ONE_A_MINUTE, 10, Duration.ofSeconds(90)));
        decide(limiter, "k", 1);
        assertThat(decide(limiter, "k", 1).verdict()).isEqualTo(Verdict.DELAYED);

        LimitDecision rejected = decide(limiter, "k", 1);

        // its turn would come in two minutes: half a minute past the longest wait
        assertThat(rejected.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(rejected.waitNanos()).isCloseTo(MINUTE_NANOS / 2, within(SECOND_NANOS));
        assertThat(rejected.remaining()).isEqualTo(8);
    }

    @Test
    void aChargeFillsTheBucketBeyondItsQueue() {
        RedisRateLimiter limiter = limiter("charged", new LeakyBucket(ONE_A_MINUTE, 3, Duration.ZERO));
        String key = redisKey("charged", "lm", "k");

        limiter.charge("k", 5);
        Eventually.await("the charge applied", Duration.ofSeconds(5), () -> inspector.redis().exists(key) == 1);
        LimitDecision rejected = decide(limiter, "k", 1);

        assertThat(rejected.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(rejected.waitNanos()).isCloseTo(3 * MINUTE_NANOS, within(SECOND_NANOS));
        assertThat(inspector.redis().pttl(key)).isCloseTo(Duration.ofMinutes(5).toMillis(), within(1000L));
    }

    @Test
    void aShaperTakesBackThePlaceOfARequestThatLeftBeforeItsTurn() {
        RedisRateLimiter limiter = limiter("given-back", new LeakyBucket(ONE_A_MINUTE, 2, Duration.ofMinutes(5)));
        decide(limiter, "k", 1);
        assertThat(decide(limiter, "k", 1).verdict()).isEqualTo(Verdict.DELAYED);
        assertThat(decide(limiter, "k", 1).verdict()).isEqualTo(Verdict.REJECTED);

        limiter.giveBack("k", 1);
        LimitDecision next = decide(limiter, "k", 1);

        assertThat(next.verdict()).isEqualTo(Verdict.DELAYED);
        assertThat(next.waitNanos()).isCloseTo(MINUTE_NANOS, within(SECOND_NANOS));
    }
}
