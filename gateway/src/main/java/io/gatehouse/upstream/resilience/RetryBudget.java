package io.gatehouse.upstream.resilience;

/**
 * Bounds the retries in flight to one upstream to a fraction of its active requests (with a floor), so that
 * retries cannot multiply the load on an upstream that is already failing. Shared by every event loop, lock-free.
 */
public final class RetryBudget {

    /**
     * Takes a retry slot when retries in flight stay within {@code budget} of {@code activeRequests} or within
     * {@code minRetries}; every true answer must be followed by one {@link #endRetry()}.
     */
    public boolean tryStartRetry(int activeRequests, double budget, int minRetries) {
        return true;
    }

    public void endRetry() {
    }

    /** Retries in flight. */
    public int active() {
        return 0;
    }
}
