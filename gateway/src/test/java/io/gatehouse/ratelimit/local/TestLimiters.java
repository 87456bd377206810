package io.gatehouse.ratelimit.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.KeyPart;
import io.gatehouse.config.LimitAlgorithm;
import io.gatehouse.config.LimiterConfig;
import io.gatehouse.config.Rate;
import io.gatehouse.ratelimit.LimitDecision;
import io.gatehouse.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.List;

/** Limiter configs and decisions for tests. */
public final class TestLimiters {

    public static final long MS = 1_000_000;
    public static final long SECOND = 1_000_000_000;

    private TestLimiters() {
    }

    public static LimiterConfig local(String name, LimitAlgorithm algorithm) {
        return local(name, algorithm, 10_000, Duration.ofMinutes(10));
    }

    public static LimiterConfig local(String name, LimitAlgorithm algorithm, long maxKeys, Duration idleExpiry) {
        return new LimiterConfig(name, List.of(new KeyPart.ClientAddress()), algorithm, null,
                LimiterConfig.Policy.LOCAL, null, maxKeys, idleExpiry);
    }

    public static Rate perSecond(long amount) {
        return new Rate(amount, Duration.ofSeconds(1));
    }

    public static LimitAlgorithm.TokenBucket tokenBucket(long capacity, Rate rate) {
        return new LimitAlgorithm.TokenBucket(capacity, rate, 1);
    }

    public static LimitAlgorithm.LeakyBucket meter(Rate rate, long queue) {
        return new LimitAlgorithm.LeakyBucket(rate, queue, Duration.ZERO);
    }

    public static LimitAlgorithm.LeakyBucket shaper(Rate rate, long queue, Duration maxWait) {
        return new LimitAlgorithm.LeakyBucket(rate, queue, maxWait);
    }

    public static LimitAlgorithm.FixedWindow fixedWindow(long limit, Duration window) {
        return new LimitAlgorithm.FixedWindow(limit, window);
    }

    public static LimitAlgorithm.SlidingWindow slidingWindow(long limit, Duration window) {
        return new LimitAlgorithm.SlidingWindow(limit, window);
    }

    /** The decision on {@code key}, which a local limiter gives at once. */
    public static LimitDecision decide(RateLimiter limiter, String key, long cost) {
        LimitDecision decision = limiter.acquire(key, cost).toCompletableFuture().getNow(null);
        assertThat(decision).as("a decision given at once").isNotNull();
        return decision;
    }

    public static LimitDecision decide(RateLimiter limiter, String key) {
        return decide(limiter, key, 1);
    }

    public static LimitDecision allowed(long limit, long remaining, long resetNanos) {
        return new LimitDecision(LimitDecision.Verdict.ALLOWED, limit, remaining, resetNanos, 0);
    }

    public static LimitDecision delayed(long limit, long remaining, long resetNanos, long waitNanos) {
        return new LimitDecision(LimitDecision.Verdict.DELAYED, limit, remaining, resetNanos, waitNanos);
    }

    public static LimitDecision rejected(long limit, long remaining, long resetNanos, long waitNanos) {
        return new LimitDecision(LimitDecision.Verdict.REJECTED, limit, remaining, resetNanos, waitNanos);
    }
}
