package io.gatehouse.upstream.lb;

import io.gatehouse.upstream.Endpoint;
import java.util.List;

/**
 * Chooses an endpoint for each exchange. Called on the exchange's event loop; per-loop state is indexed by
 * {@code loopIndex} so no two loops share a cursor. The list is never empty.
 */
public interface Balancer {

    Endpoint pick(int loopIndex, List<Endpoint> endpoints);
}
