package io.gatehouse.upstream.lb;

import java.util.Set;

/** The balancing strategies an upstream may name. */
public final class Balancers {

    public static final String ROUND_ROBIN = "round-robin";
    public static final Set<String> NAMES = Set.of(ROUND_ROBIN);

    private Balancers() {
    }

    public static Balancer create(String name, int loops) {
        if (ROUND_ROBIN.equals(name)) {
            return new RoundRobinBalancer(loops);
        }
        throw new IllegalArgumentException("unknown balancer \"" + name + "\" (known: " + NAMES + ")");
    }
}
