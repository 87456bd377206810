package io.gatehouse.server;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open client connections per client address, for the whole node (all listeners and event loops), so that one
 * address cannot take every file descriptor. Lock-free: a counter is retired (set to {@link #RETIRED}) when it falls
 * to zero and removed from the map; whoever finds a retired counter takes a fresh one.
 */
public final class ClientConnections {

    private static final int RETIRED = -1;

    private final ConcurrentHashMap<InetAddress, AtomicInteger> open = new ConcurrentHashMap<>();

    /** Counts a new connection from {@code address} unless it already holds {@code cap} (0: no cap). */
    public boolean tryOpen(InetAddress address, int cap) {
        while (true) {
            AtomicInteger count = open.computeIfAbsent(address, a -> new AtomicInteger());
            int current = count.get();
            if (current == RETIRED) {
                open.remove(address, count);
                continue;
            }
            if (cap > 0 && current >= cap) {
                return false;
            }
            if (count.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** A connection counted by {@link #tryOpen} has closed. */
    public void closed(InetAddress address) {
        AtomicInteger count = open.get(address);
        if (count == null) {
            throw new IllegalStateException("no open connection is counted for " + address);
        }
        if (count.decrementAndGet() == 0 && count.compareAndSet(0, RETIRED)) {
            open.remove(address, count);
        }
    }

    /** The connections counted for {@code address} now. */
    public int openFrom(InetAddress address) {
        AtomicInteger count = open.get(address);
        return count == null ? 0 : Math.max(0, count.get());
    }
}
