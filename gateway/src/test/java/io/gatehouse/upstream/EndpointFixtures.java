package io.gatehouse.upstream;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;

/** Endpoints without pools, for balancer tests; each has loop state for {@link #LOOPS} event loops. */
public final class EndpointFixtures {

    public static final int LOOPS = 4;

    private EndpointFixtures() {
    }

    /** Endpoints of weight 1. */
    public static List<Endpoint> endpoints(String... authorities) {
        return Arrays.stream(authorities).map(a -> endpoint(a, 1)).toList();
    }

    public static Endpoint endpoint(String authority, int weight) {
        return new Endpoint(authority, InetSocketAddress.createUnresolved(authority.split(":")[0], 1), weight, null,
                LOOPS);
    }

    /** Sets the number of requests in flight to {@code endpoint}, as the node's tries would. */
    public static void active(Endpoint endpoint, int active) {
        while (endpoint.active() < active) {
            endpoint.requestStarted();
        }
        while (endpoint.active() > active) {
            endpoint.requestEnded();
        }
    }
}
