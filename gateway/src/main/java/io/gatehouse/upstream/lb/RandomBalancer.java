package io.gatehouse.upstream.lb;

import io.gatehouse.upstream.Endpoint;
import java.util.List;

/** Picks at random, each endpoint with a chance proportional to its weight times its slow-start factor. */
final class RandomBalancer implements Balancer {

    private final SlowStart slowStart;
    private final RandomSource random;

    RandomBalancer(SlowStart slowStart, RandomSource random) {
        this.slowStart = slowStart;
        this.random = random;
    }

    @Override
    public Picker prepare(List<Endpoint> candidates) {
        Endpoint[] endpoints = candidates.toArray(new Endpoint[0]);
        if (endpoints.length == 1) {
            return request -> endpoints[0];
        }
        // Weights are read at each pick rather than summed here: slow start changes them between candidate changes.
        return request -> {
            long now = slowStart.now();
            double total = 0;
            for (Endpoint endpoint : endpoints) {
                total += slowStart.effectiveWeight(endpoint, now);
            }
            double point = random.current().nextDouble() * total;
            for (Endpoint endpoint : endpoints) {
                point -= slowStart.effectiveWeight(endpoint, now);
                if (point < 0) {
                    return endpoint;
                }
            }
            // Rounding, or a weight that changed between the two passes, left the point at the very end.
            return endpoints[endpoints.length - 1];
        };
    }
}
