package io.gatehouse.upstream.lb;

import io.gatehouse.upstream.Endpoint;
import java.util.random.RandomGenerator;

/**
 * Power of two choices over latency: draws two distinct endpoints at random and takes the one with the lower cost,
 * its latency average times (requests in flight + 1) divided by its effective weight. Comparing two random
 * endpoints rather than scanning for the best keeps a pick O(1) and stops every loop of every node from herding
 * onto the same momentarily fastest endpoint.
 *
 * <p>An endpoint without a latency sample yet is costed with its rival's latency, so the pair is compared on load
 * alone. Counting it as the best would send it every pick it is drawn for until its first response returns, and an
 * endpoint that accepts requests but never answers would keep winning; judged by load, its growing number of
 * requests in flight soon makes it lose. Taking the rival's average rather than the mean of all endpoints keeps the
 * pick O(1).
 */
final class LeastLatencyBalancer extends SpreadingBalancer {

    private final SlowStart slowStart;
    private final RandomSource random;

    LeastLatencyBalancer(SlowStart slowStart, RandomSource random) {
        this.slowStart = slowStart;
        this.random = random;
    }

    @Override
    Picker prepareChoice(Endpoint[] endpoints) {
        return request -> {
            RandomGenerator generator = random.current();
            int first = generator.nextInt(endpoints.length);
            int second = generator.nextInt(endpoints.length - 1);
            if (second >= first) {
                second++;
            }
            Endpoint a = endpoints[first];
            Endpoint b = endpoints[second];
            long now = slowStart.now();
            return cost(a, b, now) <= cost(b, a, now) ? a : b;
        };
    }

    private double cost(Endpoint endpoint, Endpoint rival, long now) {
        LatencyEwma latency = endpoint.latency().seeded() ? endpoint.latency() : rival.latency();
        double nanos = latency.seeded() ? latency.nanos() : 1;
        return nanos * (endpoint.active() + 1) / slowStart.effectiveWeight(endpoint, now);
    }
}
