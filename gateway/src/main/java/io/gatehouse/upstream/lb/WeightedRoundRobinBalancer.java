package io.gatehouse.upstream.lb;

import io.gatehouse.upstream.Endpoint;

/**
 * nginx's smooth weighted round robin, run by each event loop on its own: every pick adds each endpoint's effective
 * weight to its current weight, takes the endpoint with the highest current weight and lowers that one by the total.
 * Weights 5, 1, 1 give a a b a c a a rather than five a's in a row. Current weights live in the endpoints' loop
 * state, so a new candidate list (or a reload) continues the sequence instead of restarting it.
 */
final class WeightedRoundRobinBalancer extends SpreadingBalancer {

    /**
     * Effective weights in fixed point: slow start makes them fractional, and integer current weights keep the
     * sequence exact (and the current weights summing to zero) however long the loop runs.
     */
    static final int SCALE = 1000;

    private final SlowStart slowStart;

    WeightedRoundRobinBalancer(SlowStart slowStart) {
        this.slowStart = slowStart;
    }

    @Override
    Picker prepareChoice(Endpoint[] endpoints) {
        return request -> {
            int loop = request.loopIndex();
            long now = slowStart.now();
            long total = 0;
            Endpoint best = null;
            long bestCurrent = Long.MIN_VALUE;
            for (Endpoint endpoint : endpoints) {
                long weight = (long) (slowStart.effectiveWeight(endpoint, now) * SCALE);
                long current = endpoint.loopState(loop) + weight;
                endpoint.loopState(loop, current);
                total += weight;
                if (current > bestCurrent) {
                    best = endpoint;
                    bestCurrent = current;
                }
            }
            best.loopState(loop, bestCurrent - total);
            return best;
        };
    }
}
