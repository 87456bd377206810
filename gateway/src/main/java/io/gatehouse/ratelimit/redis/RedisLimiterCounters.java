package io.gatehouse.ratelimit.redis;

import java.util.concurrent.atomic.LongAdder;

/** A Redis limiter's counts since it was made, for metrics. */
public final class RedisLimiterCounters {

    private final LongAdder calls = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder fallbacks = new LongAdder();

    /** Calls made to Redis (acquires not served from a local batch, and charges). */
    public long calls() {
        return calls.sum();
    }

    /** Calls that failed: an error from Redis or its connection, or no answer within the timeout. */
    public long failures() {
        return failures.sum();
    }

    /**
     * Acquires and charges that got the failure policy (the local limiter, or UNAVAILABLE) instead of Redis's
     * answer: after a failed call, or at once while the circuit is open.
     */
    public long fallbacks() {
        return fallbacks.sum();
    }

    void call() {
        calls.increment();
    }

    void failure() {
        failures.increment();
    }

    void fallback() {
        fallbacks.increment();
    }
}
