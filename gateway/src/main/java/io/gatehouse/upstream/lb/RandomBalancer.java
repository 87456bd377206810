package io.gatehouse.upstream.lb;

import io.gatehouse.upstream.Endpoint;

/** Picks at random, each endpoint with a chance proportional to its weight times its slow-start factor. */
final class RandomBalancer extends SpreadingBalancer {

    private final SlowStart slowStart;
    private final RandomSource random;

    RandomBalancer(SlowStart slowStart, RandomSource random) {
        this.slowStart = slowStart;
        this.random = random;
    }

    @Override
    Picker prepareChoice(Endpoint[] endpoints) {
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
