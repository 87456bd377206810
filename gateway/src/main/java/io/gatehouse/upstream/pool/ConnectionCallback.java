package io.gatehouse.upstream.pool;

/** Completion of {@link ConnectionPool#acquire}: exactly one method is called, on the pool's event loop. */
public interface ConnectionCallback {

    void onAcquired(PooledConnection connection);

    /** Connecting failed: refused, timed out ({@code timedOut}) or the pool was full ({@link PoolFullException}). */
    void onAcquireFailed(Throwable cause, boolean timedOut);
}
