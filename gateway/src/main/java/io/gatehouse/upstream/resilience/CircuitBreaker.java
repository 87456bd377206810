package io.gatehouse.upstream.resilience;

import io.gatehouse.config.BreakerConfig;
import io.gatehouse.internal.NanoClock;
import io.gatehouse.upstream.TryOutcome;

/**
 * A Hystrix-style circuit breaker of one upstream, shared by every event loop without locks. CLOSED counts
 * outcomes in a rolling window of buckets; once the window holds at least {@code minRequests} and the failed (or
 * slow) fraction reaches the threshold it turns OPEN and refuses everything for {@code openFor}; then HALF_OPEN lets
 * {@code halfOpenRequests} probes through, closing when all succeed and reopening on the first failure.
 *
 * <p>Every {@link #tryAcquire()} that answers true must be followed by exactly one {@link #onResult} or
 * {@link #onAbandoned()}, so that a half-open probe slot is never lost.
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final BreakerConfig config;
    private final NanoClock clock;

    public CircuitBreaker(BreakerConfig config, NanoClock clock) {
        this.config = config;
        this.clock = clock;
    }

    public BreakerConfig config() {
        return config;
    }

    /** Whether a request may go to the upstream now. */
    public boolean tryAcquire() {
        return true;
    }

    /** The outcome of a request that was let through. */
    public void onResult(TryOutcome outcome) {
    }

    /** A request that was let through ended without an outcome (the client left): frees its probe slot. */
    public void onAbandoned() {
    }

    public State state() {
        return State.CLOSED;
    }

    /** While OPEN, how long until probes are let through; otherwise 0. */
    public long remainingOpenNanos() {
        return 0;
    }

    /** Requests and failures in the current window, for the admin API. */
    public WindowCounts window() {
        return new WindowCounts(0, 0, 0);
    }

    /** How many times the breaker has opened. */
    public long timesOpened() {
        return 0;
    }

    public record WindowCounts(long requests, long failures, long slow) {
    }
}
