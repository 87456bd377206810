package io.gatehouse.config;

import java.time.Duration;

/** How a limiter counts. */
public sealed interface LimitAlgorithm {

    /**
     * Up to {@code capacity} tokens, refilled at {@code rate}; a request takes {@code cost} tokens.
     * {@code tokens = min(capacity, tokens + (now - last) * rate)}.
     */
    record TokenBucket(long capacity, Rate rate, long cost) implements LimitAlgorithm {
    }

    /**
     * A bucket that leaks at {@code rate} and holds {@code queue} requests. With {@code maxWait} zero it meters:
     * a request that does not fit is rejected. Otherwise it shapes: a request waits (never on an event loop thread)
     * until its turn to leave at the fixed rate, and is rejected when the queue is full or its wait would exceed
     * {@code maxWait}.
     */
    record LeakyBucket(Rate rate, long queue, Duration maxWait) implements LimitAlgorithm {

        public boolean shapes() {
            return !maxWait.isZero();
        }
    }

    /** At most {@code limit} requests per aligned window. */
    record FixedWindow(long limit, Duration window) implements LimitAlgorithm {
    }

    /**
     * At most {@code limit} requests in any {@code window}, estimated from the current and the previous fixed window
     * (the previous one weighted by how much of it the sliding window still covers).
     */
    record SlidingWindow(long limit, Duration window) implements LimitAlgorithm {
    }
}
