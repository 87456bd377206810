package io.gatehouse.upstream.lb;

import io.gatehouse.internal.NanoClock;
import io.gatehouse.upstream.Endpoint;
import java.time.Duration;

/**
 * How much of its weight a new or recovered endpoint gets while it warms up: a factor that grows linearly from
 * {@link #FLOOR} to 1 over the upstream's slow-start window, counted from the endpoint's ramp start.
 */
final class SlowStart {

    /** Where the ramp starts: a fresh endpoint takes some traffic at once, so it warms up and shows its latency. */
    static final double FLOOR = 0.1;

    private final long windowNanos;
    private final NanoClock clock;

    SlowStart(Duration window, NanoClock clock) {
        this.windowNanos = window.toNanos();
        this.clock = clock;
    }

    /** The time one pick judges every ramp by; without a window nothing ramps, so the clock is not read. */
    long now() {
        return windowNanos == 0 ? 0 : clock.nanoTime();
    }

    /** The share of its weight {@code endpoint} gets at {@code nowNanos}, from {@link #FLOOR} to 1. */
    double factor(Endpoint endpoint, long nowNanos) {
        if (windowNanos == 0) {
            return 1;
        }
        long start = endpoint.rampStartNanos();
        if (start == Long.MIN_VALUE) {
            return 1;
        }
        long elapsed = nowNanos - start;
        if (elapsed >= windowNanos) {
            return 1;
        }
        return FLOOR + (1 - FLOOR) * Math.max(0, elapsed) / windowNanos;
    }

    /** The endpoint's weight times its slow-start factor. */
    double effectiveWeight(Endpoint endpoint, long nowNanos) {
        return endpoint.weight() * factor(endpoint, nowNanos);
    }
}
