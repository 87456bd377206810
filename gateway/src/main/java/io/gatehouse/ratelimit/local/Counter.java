package io.gatehouse.ratelimit.local;

import io.gatehouse.config.LimitAlgorithm;
import io.gatehouse.ratelimit.LimitDecision;

/**
 * One way of counting, with its numbers. A key's state is an immutable {@code S} that the limiter swaps whole
 * (compare-and-set), so a decision and its update are one atomic step. A state carries whatever its meaning
 * depends on (a pace, a window's length or end), so that after a reload changes the numbers in place, each key's
 * state is read in the new terms on its next use.
 *
 * @param <S> the state of one key
 */
abstract class Counter<S> {

    /** {@code waitNanos} of a request that can never fit: its cost is above the limit. */
    static final long NEVER = Long.MAX_VALUE;

    static Counter<?> of(LimitAlgorithm algorithm) {
        if (algorithm instanceof LimitAlgorithm.TokenBucket bucket) {
            return new TokenBucketCounter(bucket.capacity(), Pace.of(bucket.rate()));
        }
        if (algorithm instanceof LimitAlgorithm.LeakyBucket bucket) {
            // A metering leaky bucket is a token bucket whose capacity is the queue: its level is the tokens used.
            return bucket.shapes()
                    ? new LeakyShaperCounter(bucket.queue(), Pace.of(bucket.rate()), bucket.maxWait().toNanos())
                    : new TokenBucketCounter(bucket.queue(), Pace.of(bucket.rate()));
        }
        if (algorithm instanceof LimitAlgorithm.FixedWindow window) {
            return new FixedWindowCounter(window.limit(), window.window().toNanos());
        }
        if (algorithm instanceof LimitAlgorithm.SlidingWindow window) {
            return new SlidingWindowCounter(window.limit(), window.window().toNanos());
        }
        throw new IllegalArgumentException("expected a token bucket, leaky bucket, fixed window or sliding window, "
                + "got " + algorithm);
    }

    /** The state of a key seen for the first time: nothing used. */
    abstract S fresh(long now);

    /**
     * {@code state} as this counter sees it at {@code now}: a window moved on, or a state counted with other
     * numbers converted. The same instance when nothing changes.
     */
    abstract S current(S state, long now);

    /** The state after taking {@code cost} from a current state, or null when it does not fit. */
    abstract S taken(S state, long now, long cost);

    /** The state after charging {@code cost} to a current state, whatever is left. */
    abstract S charged(S state, long now, long cost);

    /**
     * The state after giving back {@code cost} that a delayed request took and did not use; the same state for
     * counters that never delay.
     */
    S givenBack(S state, long now, long cost) {
        return state;
    }

    abstract LimitDecision admitted(S before, S after, long now);

    abstract LimitDecision rejected(S state, long now, long cost);
}
