package io.gatehouse.ratelimit.redis;

import io.gatehouse.config.LimiterConfig;
import io.gatehouse.ratelimit.LimitDecision;
import io.gatehouse.ratelimit.RateLimiter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** A stand-in for the per-node limiter: allows everything with a decision of its own, and counts. */
final class RecordingLimiter implements RateLimiter, AutoCloseable {

    /** What this limiter answers, told apart from Redis's answers by its remaining count. */
    static final LimitDecision DECISION = new LimitDecision(LimitDecision.Verdict.ALLOWED, 1, 424_242, 0, 0);

    private final LimiterConfig config;
    final AtomicInteger acquires = new AtomicInteger();
    final LongAdder charged = new LongAdder();
    volatile boolean closed;

    RecordingLimiter(LimiterConfig config) {
        this.config = config;
    }

    @Override
    public LimiterConfig config() {
        return config;
    }

    @Override
    public CompletionStage<LimitDecision> acquire(String key, long cost) {
        acquires.incrementAndGet();
        return CompletableFuture.completedStage(DECISION);
    }

    @Override
    public void charge(String key, long cost) {
        charged.add(cost);
    }

    @Override
    public void close() {
        closed = true;
    }
}
