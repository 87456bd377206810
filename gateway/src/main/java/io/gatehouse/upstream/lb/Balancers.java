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
        return switch (config.balancer()) {
            case "round-robin" -> new RoundRobinBalancer(loops);
            default -> throw new IllegalArgumentException("unknown balancer \"" + config.balancer() + "\" (known: "
                    + UpstreamConfig.BALANCERS + ")");
        };
    }
}
