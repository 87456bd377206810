package io.gatehouse.upstream.lb;

import io.gatehouse.upstream.Endpoint;
import java.util.random.RandomGenerator;

/**
 * Picks the endpoint with the fewest requests in flight on the node per unit of effective weight (weight times
 * slow-start factor). Ties are broken at random, each tied endpoint equally likely (reservoir sampling), so an idle
 * upstream is not served by its first endpoint alone.
 */
final class LeastConnectionsBalancer extends SpreadingBalancer {

    private final SlowStart slowStart;
    private final RandomSource random;

    LeastConnectionsBalancer(SlowStart slowStart, RandomSource random) {
        this.slowStart = slowStart;
        this.random = random;
    }

    @Override
    Picker prepareChoice(Endpoint[] endpoints) {
        return request -> {
            long now = slowStart.now();
            Endpoint best = null;
            double bestLoad = Double.POSITIVE_INFINITY;
            int ties = 0;
            RandomGenerator generator = null;
            for (Endpoint endpoint : endpoints) {
                double load = endpoint.active() / slowStart.effectiveWeight(endpoint, now);
                if (load < bestLoad) {
                    best = endpoint;
                    bestLoad = load;
                    ties = 1;
                } else if (load == bestLoad) {
                    ties++;
                    if (generator == null) {
                        generator = random.current();
                    }
                    // The k-th tie replaces the choice with chance 1/k: every tied endpoint ends up equally likely.
                    if (generator.nextInt(ties) == 0) {
                        best = endpoint;
                    }
                }
            }
            return best;
        };
    }
}
