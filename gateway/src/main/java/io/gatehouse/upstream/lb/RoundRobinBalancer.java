package io.gatehouse.upstream.lb;

import io.gatehouse.upstream.Endpoint;
import java.util.List;

/** Each event loop walks the endpoints in turn with its own cursor. */
public final class RoundRobinBalancer implements Balancer {

    // One cursor per loop, spaced a cache line apart so loops do not false-share.
    private static final int STRIDE = 16;
    private final int[] cursors;

    public RoundRobinBalancer(int loops) {
        cursors = new int[loops * STRIDE];
        // Loops start at different endpoints, so that the first requests of a node spread instead of all
        // going to the first endpoint.
        for (int loop = 0; loop < loops; loop++) {
            cursors[loop * STRIDE] = loop;
        }
    }

    @Override
    public Endpoint pick(int loopIndex, List<Endpoint> endpoints) {
        int slot = loopIndex * STRIDE;
        int next = cursors[slot];
        if (next >= endpoints.size()) {
            next %= endpoints.size();
        }
        cursors[slot] = next + 1;
        return endpoints.get(next);
    }
}
