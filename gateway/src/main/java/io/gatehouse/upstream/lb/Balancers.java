package io.gatehouse.upstream.lb;

import io.gatehouse.config.UpstreamConfig;
import io.gatehouse.internal.NanoClock;

/** Builds the balancer an upstream's config names. */
public final class Balancers {

    private Balancers() {
    }

    /**
     * @param loops  how many event loops pick concurrently
     * @param clock  the time slow start ramps by
     * @param random where random choices come from (seeded in tests)
     */
    public static Balancer create(UpstreamConfig config, int loops, NanoClock clock, RandomSource random) {
        SlowStart slowStart = new SlowStart(config.slowStart(), clock);
        return switch (config.balancer()) {
            case "random" -> new RandomBalancer(slowStart, random);
            case "round-robin" -> new RoundRobinBalancer(loops);
            case "weighted-round-robin" -> new WeightedRoundRobinBalancer(slowStart);
            case "least-connections" -> new LeastConnectionsBalancer(slowStart, random);
            case "least-latency" -> new LeastLatencyBalancer(slowStart, random);
            case "consistent-hash" -> new ConsistentHashBalancer(random);
            default -> throw new IllegalArgumentException("unknown balancer \"" + config.balancer() + "\" (known: "
                    + UpstreamConfig.BALANCERS + ")");
        };
    }
}
