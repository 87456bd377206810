package io.gatehouse.upstream.resilience;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the retries in flight to one upstream to a fraction of its active requests (with a floor), so that
 * retries cannot multiply the load on an upstream that is already failing. Shared by every event loop, lock-free.
 */
public final class RetryBudget {

    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * Takes a retry slot when retries in flight stay within {@code budget} of {@code activeRequests} or within
     * {@code minRetries}; every true answer must be followed by one {@link #endRetry()}.
     */
    public boolean tryStartRetry(int activeRequests, double budget, int minRetries) {
        long allowed = Math.max(minRetries, (long) Math.floor(activeRequests * budget));
        while (true) {
            int current = inFlight.get();
            if (current >= allowed) {
                return false;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    public void endRetry() {
        while (true) {
            int current = inFlight.get();
            if (current == 0) {
                throw new IllegalStateException("endRetry() with no retry in flight: expected one after each "
                        + "tryStartRetry() that answered true");
            }
            if (inFlight.compareAndSet(current, current - 1)) {
                return;
            }
        }
    }

    /** Retries in flight. */
    public int active() {
        return inFlight.get();
    }
}
