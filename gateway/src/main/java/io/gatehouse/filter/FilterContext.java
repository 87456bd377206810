package io.gatehouse.filter;

import io.gatehouse.auth.AuthResources;
import io.gatehouse.model.ModelRegistry;
import io.gatehouse.observe.GatewayMetrics;
import io.gatehouse.ratelimit.RateLimiter;
import io.gatehouse.upstream.Upstream;
import java.util.Map;

/**
 * What a filter being built may use besides its settings: where it sits, and the node's long-lived services.
 *
 * @param position the filter's index in its route's {@code filters} list, as written
 * @param limiters every rate limiter of the snapshot by name, inline ones included
 * @param auth     the snapshot's consumers and the node's authentication services
 * @param upstreams every upstream of the snapshot by name
 * @param models   the node's model registry
 */
public record FilterContext(String routeName, int position, Map<String, RateLimiter> limiters,
                            GatewayMetrics metrics, AuthResources auth, Map<String, Upstream> upstreams,
                            ModelRegistry models) {
}
