package io.gatehouse.upstream.pool;

/** The pool is at its connection limit and its wait queue is full. */
public final class PoolFullException extends Exception {

    public PoolFullException(String endpoint, int maxConnections, int maxPending) {
        super("connection pool to " + endpoint + " is full (" + maxConnections + " connections, " + maxPending
                + " waiting)", null, false, false);
    }
}
