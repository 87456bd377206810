package io.gatehouse.filter;

import io.gatehouse.auth.AuthResources;
import io.gatehouse.observe.GatewayMetrics;
import io.gatehouse.ratelimit.RateLimiter;
import java.util.Map;

/**
 * What a filter being built may use besides its settings: where it sits, and the node's long-lived services.
 *
 * @param position the filter's index in its route's {@code filters} list, as written
 * @param limiters every rate limiter of the snapshot by name, inline ones included
 * @param auth     the snapshot's consumers and the node's authentication services
 */
public record FilterContext(String routeName, int position, Map<String, RateLimiter> limiters,
                            GatewayMetrics metrics, AuthResources auth) {
}
