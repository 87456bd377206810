package io.gatehouse.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The data plane's event loops, each with a dense index so that per-loop state (pools, balancer cursors) lives in
 * plain arrays: no locks, no sharing, no map lookups on the hot path once a connection knows its index.
 */
public final class EventLoops {

    private final Transport transport;
    private final EventLoopGroup group;
    private final Map<EventExecutor, Integer> indexes = new IdentityHashMap<>();

    public EventLoops(Transport transport, int threads) {
        this.transport = transport;
        this.group = transport.newGroup(threads, "gatehouse-io");
        int i = 0;
        for (EventExecutor executor : group) {
            indexes.put(executor, i++);
        }
    }

    public Transport transport() {
        return transport;
    }

    public EventLoopGroup group() {
        return group;
    }

    public int count() {
        return indexes.size();
    }

    /**
     * The index {@link #indexOf} gives {@code loop}, found from its group alone, for code that has the loop but not
     * this object; -1 for a loop outside a group. A scan of the group: not for the hot path.
     */
    public static int positionInGroup(EventExecutor loop) {
        if (loop.parent() == null) {
            return -1;
        }
        int index = 0;
        for (EventExecutor executor : loop.parent()) {
            if (executor == loop) {
                return index;
            }
            index++;
        }
        return -1;
    }

    /** The dense index of one of this group's loops. */
    public int indexOf(EventExecutor loop) {
        Integer index = indexes.get(loop);
        if (index == null) {
            throw new IllegalArgumentException("not one of the data plane's event loops: " + loop);
        }
        return index;
    }
}
