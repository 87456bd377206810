package io.gatehouse.upstream.pool;

/** The upstream is at its connection limit and its wait queue is full. */
public final class PoolFullException extends Exception {

    public PoolFullException(String endpoint, int maxConnections, int maxPending) {
        super("the upstream is at its limits (" + maxConnections + " connections open, " + maxPending
                + " requests waiting) for " + endpoint, null, false, false);
    }
}
