package io.gatehouse.upstream.lb;

import io.gatehouse.upstream.Endpoint;
import java.util.List;

/** Each event loop walks the endpoints in turn with its own cursor; weights are ignored. */
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
    public Picker prepare(List<Endpoint> candidates) {
        Endpoint[] endpoints = candidates.toArray(new Endpoint[0]);
        return request -> {
            int slot = request.loopIndex() * STRIDE;
            int next = cursors[slot];
            if (next >= endpoints.length) {
                next %= endpoints.length;
            }
            cursors[slot] = next + 1;
            return endpoints[next];
        };
    }
}
