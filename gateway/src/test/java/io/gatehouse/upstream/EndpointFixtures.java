package io.gatehouse.upstream;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;

/** Endpoints without pools, for balancer tests. */
public final class EndpointFixtures {

    private EndpointFixtures() {
    }

    public static List<Endpoint> endpoints(String... authorities) {
        return Arrays.stream(authorities)
                .map(a -> new Endpoint(a, InetSocketAddress.createUnresolved(a.split(":")[0], 1), 1, null, 4))
                .toList();
    }
}
