package io.gatehouse.upstream;

import io.gatehouse.config.LimitsConfig;
import io.gatehouse.upstream.pool.ConnectionPool;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The concurrency limits of one upstream for the whole node: open connections, requests waiting for one, and
 * requests in flight, each a lock-free counter shared by every event loop. Pools are per loop, so a loop whose
 * waiter cannot open a connection because other loops hold them all asks those loops to give up an idle one, and
 * every freed connection slot wakes the pools that have waiters.
 */
public final class UpstreamLimits {

    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private final Set<ConnectionPool> pools = new CopyOnWriteArraySet<>();
    private volatile LimitsConfig config;

    public UpstreamLimits(LimitsConfig config) {
        this.config = config;
    }

    public LimitsConfig config() {
        return config;
    }

    void update(LimitsConfig config) {
        this.config = config;
    }

    /** A request starts towards the upstream; false when {@code max-active} are in flight. */
    public boolean tryStartRequest() {
        return tryIncrement(active, config.maxActive());
    }

    public void endRequest() {
        active.decrementAndGet();
    }

    public int active() {
        return active.get();
    }

    /** A pool opens a connection; false when {@code max-connections} are open. */
    public boolean tryOpenConnection() {
        return tryIncrement(connections, config.maxConnections());
    }

    /** A connection closed (or failed to open): its slot may serve a waiter on any loop. */
    public void connectionClosed() {
        connections.decrementAndGet();
        for (ConnectionPool pool : pools) {
            if (pool.hasWaiters()) {
                pool.loop().execute(pool::serveWaiters);
            }
        }
    }

    public int connections() {
        return connections.get();
    }

    /** A request waits for a connection; false when {@code max-pending} already wait. */
    public boolean tryPend() {
        return tryIncrement(pending, config.maxPending());
    }

    public void unpend() {
        pending.decrementAndGet();
    }

    public int pending() {
        return pending.get();
    }

    /**
     * {@code requester} needs a connection but every slot is taken: asks one other pool holding an idle connection
     * to close it, which frees a slot. Returns false when no other pool has an idle connection.
     */
    public boolean reclaimIdle(ConnectionPool requester) {
        for (ConnectionPool pool : pools) {
            if (pool != requester && pool.idleCount() > 0) {
                pool.loop().execute(pool::closeOneIdle);
                return true;
            }
        }
        return false;
    }

    /** Whether a pool other than {@code pool} has requests waiting for a connection slot. */
    public boolean waitingElsewhere(ConnectionPool pool) {
        for (ConnectionPool other : pools) {
            if (other != pool && other.hasWaiters()) {
                return true;
            }
        }
        return false;
    }

    public void register(ConnectionPool pool) {
        pools.add(pool);
    }

    public void unregister(ConnectionPool pool) {
        pools.remove(pool);
    }

    private static boolean tryIncrement(AtomicInteger counter, int max) {
        int current;
        do {
            current = counter.get();
            if (current >= max) {
                return false;
            }
        } while (!counter.compareAndSet(current, current + 1));
        return true;
    }
}
