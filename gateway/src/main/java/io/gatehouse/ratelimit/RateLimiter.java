package io.gatehouse.ratelimit;

import io.gatehouse.config.LimiterConfig;
import java.util.concurrent.CompletionStage;

/**
 * One limiter's counts, per key, shared by every event loop and kept across reloads. Implementations are
 * thread-safe and never block: a local limiter answers with a completed stage, a Redis one completes later on
 * another thread (callers resume on their own event loop).
 */
public interface RateLimiter {

    LimiterConfig config();

    /** Takes {@code cost} from {@code key}'s budget, or says why not. */
    CompletionStage<LimitDecision> acquire(String key, long cost);

    /**
     * Charges {@code cost} after the fact, such as tokens a model's response turned out to use: the budget may go
     * below zero, which later requests then wait out. Never rejects.
     */
    void charge(String key, long cost);

    /**
     * Gives back what {@link #acquire} took for a request that was told to wait ({@link LimitDecision.Verdict#DELAYED})
     * and left before its turn: its place in a shaping queue goes to the next request. Limiters that never delay
     * ignore it.
     */
    default void giveBack(String key, long cost) {
    }
}
