package io.gatehouse.ratelimit.redis;

import static io.gatehouse.ratelimit.redis.Limiters.decide;
import static io.gatehouse.ratelimit.redis.Limiters.slowBucket;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.LimiterConfig;
import io.gatehouse.config.RedisLimitConfig.FailurePolicy;
import io.gatehouse.ratelimit.LimitDecision;
import io.gatehouse.ratelimit.LimitDecision.Verdict;
import io.gatehouse.testing.Eventually;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Redis stopped, frozen and restarted under the limiters: failure policies, timeouts, the circuit, recovery. */
class RedisOutageTest extends RealRedisTest {

    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(200);
    private static final Duration RECOVERY = Duration.ofSeconds(20);

    private final AtomicReference<RecordingLimiter> fallback = new AtomicReference<>();

    @AfterEach
    void redisBackUp() {
        if (server == null) {
            return;
        }
        server.resume();
        if (!server.isRunning()) {
            server.restart();
        }
    }

    @Test
    void failOpenAnswersFromTheLocalLimiterWhileRedisIsDown() {
        RedisRateLimiter limiter = limiter("open", FailurePolicy.FAIL_OPEN, Limiters.TIMEOUT);
        assertThat(decide(limiter, "k", 1).remaining()).isEqualTo(4);

        server.stop();
        LimitDecision duringOutage = decide(limiter, "k", 1);

        assertThat(duringOutage).isEqualTo(RecordingLimiter.DECISION);
        assertThat(fallback.get().acquires).hasValue(1);
        assertThat(limiter.counters().failures()).isEqualTo(1);
        assertThat(limiter.counters().fallbacks()).isEqualTo(1);
        // Lettuce notices the lost connection on its own thread
        Eventually.await("the state DOWN", Duration.ofSeconds(5), () -> limiter.state() == RedisState.DOWN);
    }

    @Test
    void failClosedAnswersUnavailableWhileRedisIsDown() {
        RedisRateLimiter limiter = limiter("closed", FailurePolicy.FAIL_CLOSED, Limiters.TIMEOUT);
        decide(limiter, "k", 1);

        server.stop();
        LimitDecision duringOutage = decide(limiter, "k", 1);

        assertThat(duringOutage.verdict()).isEqualTo(Verdict.UNAVAILABLE);
        assertThat(duringOutage.limit()).isEqualTo(5);
        assertThat(duringOutage.proceeds()).isFalse();
        assertThat(limiter.counters().fallbacks()).isEqualTo(1);
    }

    @Test
    void aCallRedisDoesNotAnswerInTimeGetsTheFailurePolicy() {
        RedisRateLimiter open = limiter("slow-open", FailurePolicy.FAIL_OPEN, SHORT_TIMEOUT);
        RedisRateLimiter closed = limiter("slow-closed", FailurePolicy.FAIL_CLOSED, SHORT_TIMEOUT);
        decide(open, "k", 1);
        decide(closed, "k", 1);

        // connected, but nothing answers
        server.pause();

        assertThat(decide(open, "k", 1)).isEqualTo(RecordingLimiter.DECISION);
        assertThat(decide(closed, "k", 1).verdict()).isEqualTo(Verdict.UNAVAILABLE);
        assertThat(open.counters().failures()).isEqualTo(1);
        assertThat(closed.counters().failures()).isEqualTo(1);
    }

    @Test
    void aChargeWhileRedisIsDownGoesToTheLocalLimiter() {
        RedisRateLimiter limiter = limiter("charged", FailurePolicy.FAIL_OPEN, Limiters.TIMEOUT);
        decide(limiter, "k", 1);
        server.stop();

        limiter.charge("k", 3);

        Eventually.await("the charge on the local limiter", Duration.ofSeconds(5),
                () -> fallback.get().charged.sum() == 3);
        assertThat(limiter.counters().failures()).isEqualTo(1);
    }

    @Test
    void theOpenCircuitAnswersAtOnceWithoutCallingRedisUntilAProbeSucceeds() {
        AtomicLong now = new AtomicLong();
        Duration open = Duration.ofMinutes(1);
        RedisConnections node = closing(new RedisConnections(new RedisCircuit.Settings(3, open, open), now::get));
        LimiterConfig config = Limiters.config("circuit", slowBucket(5), server.url(), FailurePolicy.FAIL_CLOSED, 0);
        RedisRateLimiter limiter = limiter(config, node);
        decide(limiter, "k", 1);
        server.stop();
        for (int i = 0; i < 3; i++) {
            assertThat(decide(limiter, "k", 1).verdict()).isEqualTo(Verdict.UNAVAILABLE);
        }

        for (int i = 0; i < 20; i++) {
            CompletableFuture<LimitDecision> decision = limiter.acquire("k", 1).toCompletableFuture();
            assertThat(decision).isCompletedWithValueMatching(d -> d.verdict() == Verdict.UNAVAILABLE);
        }

        assertThat(limiter.counters().calls()).isEqualTo(4);
        assertThat(limiter.counters().failures()).isEqualTo(3);
        assertThat(limiter.counters().fallbacks()).isEqualTo(23);
        assertThat(limiter.state()).isEqualTo(RedisState.DOWN);
        assertThat(node.state(server.url())).contains(RedisState.DOWN);

        server.restart();
        Eventually.await("a probe answered by Redis", RECOVERY, () -> {
            now.addAndGet(open.toNanos());
            return decide(limiter, "k", 1).verdict() == Verdict.ALLOWED;
        });
        assertThat(limiter.state()).isEqualTo(RedisState.UP);
    }

    @Test
    void recoversOnceRedisIsBack() {
        RedisRateLimiter limiter = limiter("recovery", FailurePolicy.FAIL_OPEN, SHORT_TIMEOUT);
        decide(limiter, "k", 1);
        server.stop();
        for (int i = 0; i < 5; i++) {
            assertThat(decide(limiter, "k", 1)).isEqualTo(RecordingLimiter.DECISION);
        }

        server.restart();

        Eventually.await("an answer from Redis again", RECOVERY,
                () -> decide(limiter, "k", 1).remaining() == 4);
        Eventually.await("the state UP", RECOVERY, () -> limiter.state() == RedisState.UP);
    }

    @Test
    void aLimiterMadeWhileRedisIsDownConnectsOnceItIsUp() {
        server.stop();
        RedisRateLimiter limiter = limiter("late", FailurePolicy.FAIL_CLOSED, SHORT_TIMEOUT);
        assertThat(decide(limiter, "k", 1).verdict()).isEqualTo(Verdict.UNAVAILABLE);
        assertThat(limiter.state()).isEqualTo(RedisState.DOWN);

        server.restart();

        Eventually.await("an answer from Redis", RECOVERY, () -> decide(limiter, "k", 1).remaining() == 4);
    }

    /** A limiter of 5 tokens on the test's Redis whose FAIL_OPEN fallback is recorded in {@link #fallback}. */
    private RedisRateLimiter limiter(String name, FailurePolicy onFailure, Duration timeout) {
        LimiterConfig config = Limiters.config(name, slowBucket(5), server.url(), onFailure, 0, timeout);
        return closing(new RedisRateLimiter(config, connections, local -> {
            fallback.set(new RecordingLimiter(local));
            return fallback.get();
        }));
    }
}
